package io.panstack.operator.cloud;

import java.util.Map;

import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.SharedNamespaces;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * The one tenancy rule for an AWS resource a spec names (to adopt, or a snapshot to restore from), applied before
 * anything is read into the stack, changed or deleted: it must not belong to another namespace (its namespace tag,
 * which the operator sets on everything it makes, RDS copies to snapshots, and deletionPolicy Retain keeps), nor be
 * managed by another PanStack (its uid tag). Resources without those tags (made outside the operator, e.g. by the
 * vendor's Terraform) may be adopted. The operator's IAM role reaches every stack's resources; this rule is what
 * keeps one namespace's PanStack from another's data.
 */
public final class Tenancy {

    private Tenancy() {
    }

    /**
     * Why the stack may not use the resource with these tags; null when it may. The cluster admin's
     * {@link io.panstack.operator.stack.SharedNamespaces} widen the namespace part.
     */
    public static Problem refusal(String what, Map<String, String> tags, Stack stack) {
        return refusal(what, tags, stack, stack.shared());
    }

    private static Problem refusal(String what, Map<String, String> tags, Stack stack, SharedNamespaces shared) {
        Problem namespace = otherNamespace(what, tags, stack, shared);
        return namespace != null ? namespace : otherStack(what, tags, stack);
    }

    /**
     * Whether the stack's finalizer may release the resource (untag it, snapshot and delete it per deletionPolicy):
     * only when it is of the stack's own namespace (or untagged) and no other PanStack's. The admin's shared
     * namespaces let a consumer use an owner's resources, never release them.
     */
    public static boolean mayRelease(Map<String, String> tags, Stack stack) {
        return refusal("", tags, stack, SharedNamespaces.NONE) == null;
    }

    /** Stops the pass (Stalled, nothing changed) when the stack may not use the resource. */
    public static void check(String what, Map<String, String> tags, Stack stack) {
        throwIfAny(refusal(what, tags, stack));
    }

    /**
     * Stops the pass when the stack may not restore from a copy (a snapshot). Only the namespace counts: a copy of
     * another PanStack of the same namespace is that namespace's data, and restoring it changes nothing of the other.
     */
    public static void checkCopy(String what, Map<String, String> tags, Stack stack) {
        throwIfAny(otherNamespace(what, tags, stack, stack.shared()));
    }

    private static Problem otherNamespace(String what, Map<String, String> tags, Stack stack,
            SharedNamespaces shared) {
        String namespace = tags == null ? null : tags.get(AwsTags.NAMESPACE);
        if (namespace == null || namespace.equals(stack.namespace()) || shared.allows(stack.namespace(), namespace)) {
            return null;
        }
        // The other namespace is not named: a tenant learns nothing of what lives elsewhere.
        return new Problem("AwsResourceOfAnotherNamespace", what + " belongs to another namespace (tag "
                + AwsTags.NAMESPACE + "), and a PanStack uses only its own namespace's AWS resources. Nothing was"
                + " read or changed.");
    }

    private static Problem otherStack(String what, Map<String, String> tags, Stack stack) {
        String uid = tags == null ? null : tags.get(AwsTags.UID);
        if (uid == null || !AwsTags.OPERATOR.equals(tags.get(AwsTags.MANAGED_BY))
                || uid.equals(stack.resource().getMetadata().getUid())) {
            return null;
        }
        return new Problem("AwsResourceOfAnotherStack", what + " is managed by another PanStack ("
                + tags.getOrDefault(AwsTags.NAME, "?") + ", uid " + uid + "). Nothing was read or changed. If that"
                + " PanStack is gone for good (e.g. a cluster rebuilt), remove the tags " + AwsTags.MANAGED_BY + " and "
                + AwsTags.UID + " from it in AWS to let this one adopt it.");
    }

    private static void throwIfAny(Problem refusal) {
        if (refusal != null) {
            throw new CloudProblem(refusal.reason(), refusal.message());
        }
    }
}
