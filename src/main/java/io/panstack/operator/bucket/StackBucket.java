package io.panstack.operator.bucket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.BucketSpec;
import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.aws.s3.Buckets.Bucket;
import io.panstack.operator.aws.s3.Buckets;
import io.panstack.operator.cloud.BucketState;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.Idempotent;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.cloud.ResourceState;
import io.panstack.operator.cloud.Tenancy;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The stack's bucket: one it created is kept private, encrypted, versioned (unless the spec says otherwise) and
 * tagged; an adopted one (it existed before, named in the spec) is tagged, and what it lacks only reported.
 */
public final class StackBucket {
    static final String ENABLED = "Enabled";
    /** The folder of the bucket that holds logical backups (the backup Jobs write there, BackupPruning prunes it). */
    public static final String BACKUP_FOLDER = "backups";
    static final String BACKUP_PREFIX = BACKUP_FOLDER + "/";

    private StackBucket() {
    }


    public static String name(Stack stack) {
        BucketSpec spec = stack.spec().getBucket();
        return spec.getName() != null ? spec.getName() : AwsNames.bucket(stack);
    }

    /**
     * @param backupsInUse backups a restore of the stack needs, kept whatever their age (see BackupsInUse)
     */
    public static BucketState reconcile(Stack stack, Buckets s3, String region, java.util.Set<String> backupsInUse) {
        String name = name(stack);
        Optional<Bucket> existing = s3.find(name);
        // Adopted: it was there, named in the spec, and not this stack's; the tag keeps that known once it is tagged.
        boolean adopted = existing.isPresent() && (existing.get().tags().containsKey(AwsTags.ADOPTED)
                || (stack.spec().getBucket().adopts() && !AwsTags.ownedBy(existing.get().tags(), stack)));
        Bucket bucket = existing.orElseGet(() -> {
            if (!stack.spec().getBucket().adopts()) {
                refuseToReplace(stack, s3, region);
            }
            return create(s3, name, region);
        });
        Tenancy.check("Bucket " + name, bucket.tags(), stack);
        if (!region.equals(bucket.region())) {
            throw new CloudProblem("BucketInOtherRegion", "Bucket " + name + " is in " + bucket.region()
                    + ", not in the stack's region " + region + ". Name a bucket in " + region + ".");
        }
        List<String> drift = new ArrayList<>();
        if (!bucket.publicAccessBlocked()) {
            enforce(adopted, () -> s3.blockPublicAccess(name), drift, "public access is not blocked");
        }
        if (!bucket.encrypted()) {
            enforce(adopted, () -> s3.encryptByDefault(name), drift, "objects are not encrypted by default");
        }
        Boolean written = stack.spec().getBucket().getVersioning();
        boolean versioned = adopted && written == null ? ENABLED.equals(bucket.versioning())
                : stack.spec().getBucket().versioned();
        if (versioned != ENABLED.equals(bucket.versioning()) && (versioned || ENABLED.equals(bucket.versioning()))) {
            s3.setVersioning(name, versioned);
        }
        if (!versioned) {
            drift.add("versioning is " + (bucket.versioning() == null ? "off" : bucket.versioning().toLowerCase())
                    + (written == null ? "; recommended on (not changed: spec.bucket.versioning is unset)"
                            : " as spec.bucket.versioning says"));
        }
        // Reported for any bucket: the shortfall stops every backup run, whoever made the bucket.
        List<String> lockDrift = new ArrayList<>();
        if (stack.spec().backsUp() && stack.spec().getBackup().getObjectLock() != null) {
            objectLock(s3, name, adopted, versioned, lockDrift);
        }
        drift.addAll(lockDrift);
        Observed<Integer> pruned = null;
        if (stack.spec().backsUp()) {
            int days = stack.spec().getBackup().retentionDays();
            // An adopted bucket's lifecycle is its owner's: its old versions are not expired behind their back.
            if (!adopted && !Integer.valueOf(days).equals(bucket.oldVersionDaysByPrefix().get(BACKUP_PREFIX))) {
                s3.expireOldVersionsAfter(name, BACKUP_PREFIX, days);
            }
            pruned = BackupPruning.prune(stack, s3, name, Instant.now(), backupsInUse);
        }
        // PutBucketTagging replaces the whole set: keep the tags others put on the bucket.
        Map<String, String> tags = new LinkedHashMap<>(bucket.tags());
        Map<String, String> missing = AwsTags.missing(bucket.tags(), stack);
        tags.putAll(missing);
        if (adopted && !missing.isEmpty()) {
            tags.put(AwsTags.ADOPTED, "true"); // with the stack's tags, never on a bucket shared from elsewhere
        }
        if (!tags.equals(bucket.tags())) {
            s3.setTags(name, tags);
        }
        String shape = !adopted ? ": private, encrypted, versioning " + (versioned ? "on" : "suspended")
                : drift.isEmpty() ? " (adopted): private, encrypted, versioned" : " (adopted): see status.bucket.drift";
        return new BucketState(name, region, new ResourceState(true, false, "BucketAvailable",
                "Bucket " + name + " in " + region + shape, adopted ? drift : lockDrift), pruned);
    }

    /**
     * backup.objectLock asks for each backup to be locked: that needs Object Lock on the bucket. The operator enables
     * it on a bucket it made; an adopted one is its owner's to change. What stands in the way is reported in drift
     * (each backup run then fails, saying so): it holds nothing else.
     */
    private static void objectLock(Buckets s3, String name, boolean adopted, boolean versioned, List<String> drift) {
        Observed<Boolean> enabled = Observed.read("Object Lock of bucket " + name,
                () -> Optional.of(s3.objectLockEnabled(name)));
        if (enabled.failed()) {
            drift.add("Object Lock could not be looked at (" + enabled.failure() + "); backups that backup.objectLock"
                    + " asks to lock fail if it is off. Looked at again at the next poll");
            return;
        }
        if (Boolean.TRUE.equals(enabled.value())) {
            return;
        }
        if (adopted || !versioned) {
            drift.add("Object Lock is not enabled, so backups cannot be locked as backup.objectLock asks (each backup"
                    + " run fails): " + (adopted ? "enable it on the adopted bucket" : "it needs versioning on"));
            return;
        }
        try {
            s3.enableObjectLock(name);
        } catch (SdkException e) {
            drift.add("Object Lock could not be enabled (" + io.panstack.operator.aws.AwsErrors.message(e)
                    + "), so backups cannot be locked as backup.objectLock asks: enable it on the bucket");
        }
    }

    /** A bucket the operator made is kept in shape; an adopted one is left as it is and the shortfall reported. */
    private static void enforce(boolean adopted, Runnable change, List<String> drift, String shortfall) {
        if (adopted) {
            drift.add(shortfall + "; recommended (not changed: the bucket was adopted)");
        } else {
            change.run();
        }
    }

    private static Bucket create(Buckets s3, String name, String region) {
        try {
            s3.create(name, region);
        } catch (AwsServiceException e) {
            String code = Idempotent.errorCode(e);
            if ("BucketAlreadyExists".equals(code)) {
                throw new CloudProblem("BucketNameTaken", "The bucket name " + name + " is taken by another AWS"
                        + " account (bucket names are global). Set spec.bucket.name to a free name.");
            }
            if (!"BucketAlreadyOwnedByYou".equals(code)) {
                throw e;
            }
        }
        Optional<Bucket> created = s3.find(name);
        return created.orElseThrow(() -> new IllegalStateException("S3 does not show the bucket " + name
                + " it just created yet; looking again"));
    }

    /**
     * The finalizer's step for the bucket: Retain and Snapshot keep it without the ownership tags; Delete keeps only
     * its backups folder (and the bucket, untagged, to hold it), or with deleteRecoveryPoints empties and deletes it.
     */
    public static void release(Stack stack, Buckets s3, DeletionPolicy policy, Release release) {
        String name = name(stack);
        Optional<Bucket> found = s3.find(name);
        if (found.isEmpty() || !Tenancy.mayRelease(found.get().tags(), stack)) {
            return; // another namespace's or PanStack's bucket, named in the spec: never touched
        }
        // Locked backups cannot be deleted before their retention ends (that is the point): the bucket then stays
        // with its backups/ folder, as without deleteRecoveryPoints, instead of a finalizer that can never finish.
        boolean locked = policy == DeletionPolicy.Delete && stack.spec().deletesWithStack(true) && s3.objectLockEnabled(name);
        if (policy == DeletionPolicy.Delete && stack.spec().deletesWithStack(true) && !locked) {
            s3.emptyAndDelete(name);
            return;
        }
        Map<String, String> tags = new LinkedHashMap<>(found.get().tags());
        boolean untagged = tags.keySet().removeAll(AwsTags.OWNERSHIP);
        if (policy == DeletionPolicy.Delete) {
            // The last recovery points: no longer expired by the retention rule, and the bucket is no stack's any
            // more (without its name tag a new PanStack of the same name makes a bucket of its own).
            s3.emptyBut(name, BACKUP_PREFIX);
            s3.keepForever(name, BACKUP_PREFIX);
            untagged |= tags.remove(AwsTags.NAME) != null;
        }
        if (untagged) {
            s3.setTags(name, tags);
        }
        release.keep(policy == DeletionPolicy.Delete ? "bucket " + name + " with only its " + BACKUP_PREFIX
                + " (the logical backups" + (locked ? ", under S3 Object Lock retention: deleteRecoveryPoints cannot"
                        + " delete them before it ends" : "") + ")" : "bucket " + name);
    }

    /**
     * A PanStack whose bucket is not there yet may be one rebuilt from Git (a new uid, so a new derived name) while the
     * stack's bucket, backups included, is still in S3: a new, empty one would hide it. It stalls instead. Only buckets
     * named for this namespace and name are looked at, and only on the way to a create.
     */
    private static void refuseToReplace(Stack stack, Buckets s3, String region) {
        List<String> earlier = s3.names().stream().filter(candidate -> AwsNames.bucketOfThisName(candidate, stack))
                .filter(candidate -> s3.find(candidate)
                        .map(b -> region.equals(b.region()) && AwsTags.ofEarlierStack(b.tags(), stack)).orElse(false))
                .toList();
        if (!earlier.isEmpty()) {
            throw new CloudProblem("EarlierBucketFound", "Bucket " + String.join(", ", earlier) + " belongs to an"
                    + " earlier PanStack " + stack.namespace() + "/" + stack.name() + " (its backups may be there); no"
                    + " new, empty bucket is created. To use it, remove its tags " + AwsTags.MANAGED_BY + " and "
                    + AwsTags.UID + " (if set) and create this PanStack again with spec.bucket.name: " + earlier.get(0)
                    + ". If another live PanStack of this name uses it (another cluster), do neither: rename this one."
                    + " To start with a new bucket, delete it or remove its " + AwsTags.NAME + " tag.");
        }
    }
}
