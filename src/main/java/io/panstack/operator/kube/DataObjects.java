package io.panstack.operator.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.StackLabels;

/**
 * Find, create and set the ownership of objects that hold a stack's data. They carry an owner reference to the
 * PanStack only under {@code deletionPolicy: Delete}: without one, Kubernetes' garbage collector keeps them when
 * the PanStack goes, whoever removes it and however. Nothing here deletes.
 */
public final class DataObjects {
    private final KubernetesClient client;
    private final Context<PanStack> context;

    public DataObjects(Context<PanStack> context) {
        this.client = context.getClient();
        this.context = context;
    }

    public KubernetesClient client() {
        return client;
    }

    /** From the operator's cache, or (for an object it has not labelled, or not seen yet) from the API server. */
    public <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
        Optional<T> cached = context.getSecondaryResourcesAsStream(type)
                .filter(object -> name.equals(object.getMetadata().getName())).findFirst();
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
    }

    public static boolean belongsTo(HasMetadata object, String stack) {
        return StackLabels.belongsTo(object.getMetadata().getLabels(), stack);
    }

    public <T extends HasMetadata> void create(T desired, PanStack owner) {
        create(desired, owner, false);
    }

    /** @param recoveryPoint it holds backups: it goes with the PanStack only when deleteRecoveryPoints says so too */
    public <T extends HasMetadata> void create(T desired, PanStack owner, boolean recoveryPoint) {
        desired.getMetadata().setOwnerReferences(owners(List.of(), owner, recoveryPoint));
        client.resource(desired).create();
    }

    public <T extends HasMetadata> void followDeletionPolicy(T existing, PanStack owner) {
        followDeletionPolicy(existing, owner, false);
    }

    /**
     * Adds or removes the PanStack owner reference to follow the current deletion policy; other owners stay.
     *
     * @param recoveryPoint it holds backups: it goes with the PanStack only when deleteRecoveryPoints says so too
     */
    public <T extends HasMetadata> void followDeletionPolicy(T existing, PanStack owner, boolean recoveryPoint) {
        List<OwnerReference> current = Optional.ofNullable(existing.getMetadata().getOwnerReferences()).orElse(List.of());
        List<OwnerReference> wanted = owners(current, owner, recoveryPoint);
        if (!sameOwners(current, wanted)) {
            // A JSON Patch replaces the list whole (a merge patch of a list means different things to different servers).
            String operation = wanted.isEmpty()
                    ? "{\"op\":\"remove\",\"path\":\"/metadata/ownerReferences\"}"
                    : "{\"op\":\"add\",\"path\":\"/metadata/ownerReferences\",\"value\":"
                            + client.getKubernetesSerialization().asJson(wanted) + "}";
            client.resources(existing.getClass()).inNamespace(existing.getMetadata().getNamespace())
                    .withName(existing.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON), "[" + operation + "]");
        }
    }

    public void mergePatch(HasMetadata existing, String patch) {
        client.resources(existing.getClass()).inNamespace(existing.getMetadata().getNamespace())
                .withName(existing.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    static List<OwnerReference> owners(List<OwnerReference> current, PanStack owner, boolean recoveryPoint) {
        List<OwnerReference> owners = new ArrayList<>();
        current.stream().filter(reference -> !isPanStack(reference)).forEach(owners::add);
        if (owner.getSpec().deletesWithStack(recoveryPoint)) {
            owners.add(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                    .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                    .withController(true).withBlockOwnerDeletion(true).build());
        }
        return owners;
    }

    private static boolean isPanStack(OwnerReference reference) {
        return "PanStack".equals(reference.getKind())
                && reference.getApiVersion() != null && reference.getApiVersion().startsWith(PanStack.GROUP + "/");
    }

    private static boolean sameOwners(List<OwnerReference> a, List<OwnerReference> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(y -> Objects.equals(x.getUid(), y.getUid())));
    }
}
