package io.panstack.operator.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;


/**
 * Tags on every AWS resource of a stack: the user's, plus the operator's own. The uid tag is how the operator tells
 * its resources from others of the same name (so a lost status can be rebuilt, and nothing foreign is touched);
 * deletionPolicy Retain removes the ownership tags, leaving the namespace and name for people to read.
 */
public final class AwsTags {
    public static final String MANAGED_BY = "panstack.io/managed-by";
    public static final String UID = "panstack.io/uid";
    public static final String NAMESPACE = "panstack.io/namespace";
    public static final String NAME = "panstack.io/name";
    public static final String OPERATOR = "panstack-operator";
    /** On an instance restored from a snapshot, once its master password was set to the stack's. */
    public static final String MASTER_PASSWORD_SET = "panstack.io/master-password-set";
    /**
     * On an instance a PanStackRestore replaced: the instance that holds the stack's repository now. Followed from the
     * stack's first instance, it finds the current one even when status.database.instanceId was lost.
     */
    public static final String REPLACED_BY = "panstack.io/replaced-by";
    /**
     * On the stack's DB parameter group (shared by all its instances, kept while any uses it): the instance a
     * PanStackRestore moved the stack to. Found there when status was lost and the first instance was deleted.
     */
    public static final String CURRENT_INSTANCE = "panstack.io/current-instance";
    /** On an instance a PanStackRestore made, once it holds the repository: the instance it replaced. */
    public static final String REPLACES = "panstack.io/replaces";
    /** On an instance a PanStackRestore made: that restore's name. */
    public static final String RESTORE = "panstack.io/restore";
    /** Removed when the operator lets go of a resource (deletionPolicy Retain or Snapshot). */
    public static final Set<String> OWNERSHIP = Set.of(MANAGED_BY, UID);
    /** On a bucket a PanStack adopted (it existed, named in the spec): only what the spec writes is enforced on it. */
    public static final String ADOPTED = "panstack.io/adopted";

    private AwsTags() {
    }

    public static Map<String, String> of(Stack stack) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (stack.spec().getAws() != null && stack.spec().getAws().getTags() != null) {
            tags.putAll(stack.spec().getAws().getTags());
        }
        tags.put(MANAGED_BY, OPERATOR);
        tags.put(NAMESPACE, stack.namespace());
        tags.put(NAME, stack.name());
        tags.put(UID, stack.resource().getMetadata().getUid());
        return tags;
    }

    /** Whether the tags mark the resource as this PanStack's. */
    public static boolean ownedBy(Map<String, String> tags, Stack stack) {
        return tags != null && OPERATOR.equals(tags.get(MANAGED_BY))
                && stack.resource().getMetadata().getUid().equals(tags.get(UID));
    }

    /**
     * Whether the tags mark the resource as made for an earlier PanStack of the same namespace and name (another
     * uid, or none left after deletionPolicy Retain): e.g. the stack before its cluster was rebuilt from Git.
     */
    public static boolean ofEarlierStack(Map<String, String> tags, Stack stack) {
        return tags != null && stack.namespace().equals(tags.get(NAMESPACE)) && stack.name().equals(tags.get(NAME))
                && !stack.resource().getMetadata().getUid().equals(tags.get(UID));
    }

    /**
     * The tags of {@link #of} that the resource lacks or has with another value (empty when in line). None for
     * another namespace's resource (used by the cluster admin's leave, see SharedNamespaces): it stays as its owner
     * tagged it, so it stays the owner's.
     */
    public static Map<String, String> missing(Map<String, String> actual, Stack stack) {
        String owner = actual == null ? null : actual.get(NAMESPACE);
        if (owner != null && !owner.equals(stack.namespace())) {
            return Map.of();
        }
        Map<String, String> missing = new LinkedHashMap<>();
        of(stack).forEach((key, value) -> {
            if (actual == null || !value.equals(actual.get(key))) {
                missing.put(key, value);
            }
        });
        return missing;
    }
}
