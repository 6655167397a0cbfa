package io.panstack.operator.aws.s3;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 calls the operator makes, one call each, no decisions (see DatabaseInstances for the why). Failures surface
 * as the SDK's {@code AwsServiceException} (error code kept) or {@code SdkClientException}.
 */
public interface Buckets {

    /**
     * HeadBucket, then the bucket's region, tags and settings; empty when it does not exist. A bucket that exists but
     * belongs to another account fails with a 403 (error code AccessDenied or Forbidden).
     */
    Optional<Bucket> find(String name);

    /** ListBuckets: the names of the account's buckets. */
    List<String> names();

    /** CreateBucket in the region. BucketAlreadyOwnedByYou / BucketAlreadyExists on a repeat or a taken name. */
    void create(String name, String region);

    /** PutPublicAccessBlock with all four blocks on. */
    void blockPublicAccess(String name);

    /** PutBucketEncryption: SSE-S3 (AES256) by default. */
    void encryptByDefault(String name);

    /** PutBucketVersioning Enabled, or Suspended (S3 versioning cannot be switched off once on). */
    void setVersioning(String name, boolean enabled);

    /** Whether S3 Object Lock is enabled on the bucket (objects can then be given a retention). */
    boolean objectLockEnabled(String name);

    /** Enables S3 Object Lock (no default retention: each backup gets its own); needs versioning. */
    void enableObjectLock(String name);

    /** PutBucketTagging: replaces the whole tag set. */
    void setTags(String name, Map<String, String> tags);

    /**
     * Get- then PutBucketLifecycleConfiguration: under the prefix, old (noncurrent) versions expire the given days
     * after they stopped being current, in a rule of the operator's own; current objects never expire by age there,
     * and the bucket's other lifecycle rules are kept.
     */
    void expireOldVersionsAfter(String name, String prefix, int days);

    /** ListObjectsV2 of the folder (prefix, not its subfolders): the current objects, with their times. */
    List<StoredObject> list(String name, String prefix);

    /**
     * DeleteObjects of the keys' current versions: in a versioned bucket they become old versions (a delete marker on
     * top), which expireOldVersionsAfter expires in turn.
     */
    void deleteCurrent(String name, List<String> keys);

    /** Removes the operator's expiration rule of the prefix (see expireOldVersionsAfter); the bucket's other rules stay. */
    void keepForever(String name, String prefix);

    /** Deletes every object version and delete marker, then the bucket: deletionPolicy Delete with deleteRecoveryPoints. */
    void emptyAndDelete(String name);

    /**
     * Deletes every object version and delete marker outside the folder (prefix) and keeps the bucket: deletionPolicy
     * Delete without deleteRecoveryPoints, which keeps the logical backups.
     */
    void emptyBut(String name, String keptPrefix);

    /** A bucket and the settings the operator keeps on it. */
    record Bucket(String name, String region, boolean publicAccessBlocked, boolean encrypted, String versioning,
            Map<String, String> tags, Map<String, Integer> oldVersionDaysByPrefix) {
    }

    /** An object as a listing shows it. */
    record StoredObject(String key, Instant lastModified) {
    }
}
