package io.panstack.operator.pass;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.stack.StackLabels;

/**
 * Before the operator creates a child, whether an object of that name is already there and not the stack's (a
 * CronJob a team made for its own backups, say): server-side apply would take it over and overwrite it. The child's
 * informer only sees labelled objects, so the name is looked up once, on the way to a create.
 */
public final class TakeOver {

    private TakeOver() {
    }

    /**
     * @return the object already there under the child's name, which the stack may take (labelled for it, or its own
     *         with its labels changed); null when there is none
     * @throws IllegalStateException when someone else's object has the name; nothing is written then
     */
    public static <T extends HasMetadata> T existingOwnable(KubernetesClient client, T desired, HasMetadata primary) {
        String stack = primary.getMetadata().getName();
        T existing = client.resource(desired).get();
        if (existing != null && !StackLabels.belongsTo(existing.getMetadata().getLabels(), stack)
                && !ownedBy(existing, primary)) {
            throw new IllegalStateException(desired.getKind() + " " + desired.getMetadata().getName() + " already"
                    + " exists and was not created by the operator for this PanStack, so it is left alone. Rename the"
                    + " PanStack, remove that object, or, to hand it over, label it app.kubernetes.io/managed-by="
                    + "panstack-operator and app.kubernetes.io/instance=" + stack);
        }
        return existing;
    }

    /** The stack's own child whose labels someone changed: owned by it all the same; the apply puts them back. */
    private static boolean ownedBy(HasMetadata existing, HasMetadata primary) {
        return existing.getMetadata().getOwnerReferences() != null && existing.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> owner.getUid() != null && owner.getUid().equals(primary.getMetadata().getUid()));
    }
}
