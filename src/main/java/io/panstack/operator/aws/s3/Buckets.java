package io.panstack.operator.aws.s3;

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

    /** PutBucketTagging: replaces the whole tag set. */
    void setTags(String name, Map<String, String> tags);

    /**
     * Get- then PutBucketLifecycleConfiguration: objects under the prefix (and their old versions) expire after the
     * given days, in a rule of the operator's own; the bucket's other lifecycle rules are kept.
     */
    void expireAfter(String name, String prefix, int days);

    /** Removes the operator's expiration rule of the prefix (see expireAfter); the bucket's other rules stay. */
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
            Map<String, String> tags, Map<String, Integer> expirationDaysByPrefix) {
    }
}
