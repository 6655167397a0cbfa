package io.panstack.operator.stack;

import java.util.Locale;


/**
 * Names of a stack's AWS resources. Each is derived, never random, so that after a crash between "create" and
 * "record the id" the operator finds the resource again instead of making a second one:
 * the RDS identifier and groups from namespace and name (stable, so people can recognise them), the EFS creation
 * token and the bucket name from the PanStack's UID (unique, also across clusters and re-created PanStacks).
 */
public final class AwsNames {
    static final String PREFIX = "panstack";
    private static final int RDS_MAX = 63;
    private static final int BUCKET_MAX = 63;

    private AwsNames() {
    }

    /** DB instance identifier (and parameter/subnet group name): letters, digits, single hyphens, at most 63. */
    public static String rdsIdentifier(Stack stack) {
        return readable(stack.namespace() + "-" + stack.name(), RDS_MAX, ShortHash.of(stack.namespace() + "/" + stack.name()));
    }

    /**
     * The instance a PanStackRestore restores into: the stack's identifier, cut to leave room, plus "-r" and a hash of
     * the restore's uid (one per restore, found again after a crash).
     */
    public static String restoredRdsIdentifier(Stack stack, String restoreUid) {
        String suffix = "-r" + ShortHash.of(restoreUid);
        return readable(stack.namespace() + "-" + stack.name(), RDS_MAX - suffix.length(),
                ShortHash.of(stack.namespace() + "/" + stack.name())) + suffix;
    }

    /** Final snapshot: unique per PanStack, so a later PanStack of the same name can never collide with it. */
    public static String finalSnapshot(String identifier, Stack stack) {
        return identifier + "-final-" + ShortHash.of(uid(stack));
    }

    /** EFS CreationToken (at most 64 characters): a repeated CreateFileSystem with it fails instead of duplicating. */
    public static String efsCreationToken(Stack stack) {
        return PREFIX + "-" + uid(stack);
    }

    /** EFS access point ClientToken (idempotency token, at most 64 characters). */
    public static String accessPointToken(Stack stack) {
        return PREFIX + "-ap-" + ShortHash.of(uid(stack));
    }

    /** Bucket name: globally unique, lower case, at most 63. */
    public static String bucket(Stack stack) {
        return readable(stack.namespace() + "-" + stack.name(), BUCKET_MAX, ShortHash.of(uid(stack))).toLowerCase(Locale.ROOT);
    }

    /** Whether a bucket name is one {@link #bucket} made for a PanStack of this namespace and name (any uid). */
    public static boolean bucketOfThisName(String bucket, Stack stack) {
        String mine = bucket(stack);
        String prefix = mine.substring(0, mine.lastIndexOf('-') + 1);
        return bucket.length() == mine.length() && bucket.startsWith(prefix);
    }

    /**
     * Name of the cluster-scoped PersistentVolume pointing at the stack's EFS access point. The hash of namespace and
     * name keeps two stacks apart whose names join alike ("team-a"/"x" and "team"/"a-x").
     */
    public static String filesPersistentVolume(Stack stack) {
        return legacyFilesPersistentVolume(stack) + "-" + ShortHash.of(stack.namespace() + "/" + stack.name());
    }

    /**
     * The name such volumes had until 2026-12-02, without the hash. One of those is still this stack's volume when
     * its labels say so (it stays bound to the claim); never otherwise, as another stack's may have the same name.
     */
    public static String legacyFilesPersistentVolume(Stack stack) {
        return PREFIX + "-" + stack.namespace() + "-" + stack.name() + "-files";
    }

    /** "panstack-<words>-<hash>", cut to fit, with no double or trailing hyphens. */
    private static String readable(String words, int max, String hash) {
        String cleaned = words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-{2,}", "-");
        String body = PREFIX + "-" + cleaned;
        int room = max - hash.length() - 1;
        if (body.length() > room) {
            body = body.substring(0, room);
        }
        body = body.replaceAll("-+$", "");
        return body + "-" + hash;
    }

    private static String uid(Stack stack) {
        String uid = stack.resource().getMetadata().getUid();
        if (uid == null || uid.isEmpty()) {
            throw new IllegalStateException("PanStack " + stack.name() + " has no UID yet");
        }
        return uid;
    }

}
