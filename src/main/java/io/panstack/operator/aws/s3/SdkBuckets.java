package io.panstack.operator.aws.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/** {@link Buckets} over the AWS SDK's S3 client. */
public class SdkBuckets implements Buckets {

    /** DeleteObjects takes at most 1000 keys per call. */
    static final int KEYS_PER_DELETE = 1000;
    private static final String US_EAST_1 = "us-east-1";
    /** Lifecycle rules the operator owns carry this id prefix; others are left as they are. */
    static final String RULE_PREFIX = "panstack-expire-";

    private final S3Client s3;

    public SdkBuckets(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public List<String> names() {
        return s3.listBuckets().buckets().stream().map(software.amazon.awssdk.services.s3.model.Bucket::name).toList();
    }

    @Override
    public Optional<Bucket> find(String name) {
        try {
            s3.headBucket(r -> r.bucket(name));
        } catch (NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Bucket(name, region(name), publicAccessBlocked(name), encrypted(name),
                versioning(name), tags(name), oldVersionDays(name)));
    }

    @Override
    public void create(String name, String region) {
        // us-east-1 is the one region that rejects its own name as a location constraint.
        if (region == null || region.isBlank() || US_EAST_1.equals(region)) {
            s3.createBucket(r -> r.bucket(name));
        } else {
            s3.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c.locationConstraint(region)));
        }
    }

    @Override
    public boolean objectLockEnabled(String name) {
        try {
            var configuration = s3.getObjectLockConfiguration(r -> r.bucket(name)).objectLockConfiguration();
            return configuration != null
                    && configuration.objectLockEnabled() == software.amazon.awssdk.services.s3.model.ObjectLockEnabled.ENABLED;
        } catch (S3Exception e) {
            if ("ObjectLockConfigurationNotFoundError".equals(e.awsErrorDetails() == null ? null
                    : e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void enableObjectLock(String name) {
        s3.putObjectLockConfiguration(r -> r.bucket(name).objectLockConfiguration(c -> c
                .objectLockEnabled(software.amazon.awssdk.services.s3.model.ObjectLockEnabled.ENABLED)));
    }

    @Override
    public void blockPublicAccess(String name) {
        s3.putPublicAccessBlock(r -> r.bucket(name).publicAccessBlockConfiguration(PublicAccessBlockConfiguration
                .builder().blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
                .restrictPublicBuckets(true).build()));
    }

    @Override
    public void encryptByDefault(String name) {
        ServerSideEncryptionRule rule = ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build();
        s3.putBucketEncryption(r -> r.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(rule)));
    }

    @Override
    public void setVersioning(String name, boolean enabled) {
        BucketVersioningStatus status = enabled ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED;
        s3.putBucketVersioning(r -> r.bucket(name).versioningConfiguration(c -> c.status(status)));
    }

    @Override
    public void setTags(String name, Map<String, String> tags) {
        List<Tag> tagSet = new ArrayList<>();
        tags.forEach((k, v) -> tagSet.add(Tag.builder().key(k).value(v).build()));
        if (tagSet.isEmpty()) {
            // PutBucketTagging rejects an empty tag set; "no tags" is a delete.
            s3.deleteBucketTagging(r -> r.bucket(name));
        } else {
            s3.putBucketTagging(r -> r.bucket(name).tagging(t -> t.tagSet(tagSet)));
        }
    }

    @Override
    public void expireOldVersionsAfter(String name, String prefix, int days) {
        String id = ruleId(prefix);
        List<LifecycleRule> rules = new ArrayList<>(lifecycleRules(name).stream().filter(r -> !id.equals(r.id())).toList());
        rules.add(LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix(prefix))
                .noncurrentVersionExpiration(e -> e.noncurrentDays(days))
                .build());
        s3.putBucketLifecycleConfiguration(r -> r.bucket(name).lifecycleConfiguration(c -> c.rules(rules)));
    }

    @Override
    public List<StoredObject> list(String name, String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix).delimiter("/")).contents()
                .forEach(o -> objects.add(new StoredObject(o.key(), o.lastModified())));
        return objects;
    }

    @Override
    public void deleteCurrent(String name, List<String> keys) {
        delete(name, keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList());
    }

    @Override
    public void keepForever(String name, String prefix) {
        String id = ruleId(prefix);
        List<LifecycleRule> all = lifecycleRules(name);
        List<LifecycleRule> others = all.stream().filter(r -> !id.equals(r.id())).toList();
        if (others.size() == all.size()) {
            return;
        }
        if (others.isEmpty()) {
            s3.deleteBucketLifecycle(r -> r.bucket(name));
        } else {
            s3.putBucketLifecycleConfiguration(r -> r.bucket(name).lifecycleConfiguration(c -> c.rules(others)));
        }
    }

    private static String ruleId(String prefix) {
        return RULE_PREFIX + prefix.replaceAll("[^A-Za-z0-9-]", "-");
    }

    /**
     * The operator's rules that expire only old versions, by prefix. An earlier rule of the operator's that also
     * expired current objects by age is left out, so it is seen as missing and replaced.
     */
    private Map<String, Integer> oldVersionDays(String name) {
        Map<String, Integer> days = new LinkedHashMap<>();
        for (LifecycleRule rule : lifecycleRules(name)) {
            if (rule.id() != null && rule.id().startsWith(RULE_PREFIX) && rule.expiration() == null
                    && rule.noncurrentVersionExpiration() != null
                    && rule.noncurrentVersionExpiration().noncurrentDays() != null
                    && rule.filter() != null && rule.filter().prefix() != null) {
                days.put(rule.filter().prefix(), rule.noncurrentVersionExpiration().noncurrentDays());
            }
        }
        return days;
    }

    private List<LifecycleRule> lifecycleRules(String name) {
        try {
            return s3.getBucketLifecycleConfiguration(r -> r.bucket(name)).rules();
        } catch (S3Exception e) {
            if (hasCode(e, "NoSuchLifecycleConfiguration")) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public void emptyAndDelete(String name) {
        // Each round lists from the start and deletes what the page holds (up to 1000 versions and delete markers).
        // Following the listing's markers instead would point them at versions just deleted.
        List<ObjectIdentifier> previous = List.of();
        while (true) {
            ListObjectVersionsResponse page = s3.listObjectVersions(r -> r.bucket(name).maxKeys(KEYS_PER_DELETE));
            List<ObjectIdentifier> keys = new ArrayList<>();
            page.versions().forEach(v -> keys.add(id(v.key(), v.versionId())));
            page.deleteMarkers().forEach(m -> keys.add(id(m.key(), m.versionId())));
            if (keys.isEmpty()) {
                break;
            }
            if (keys.equals(previous)) {
                throw new IllegalStateException("S3 still lists " + keys.size() + " versions in " + name
                        + " that DeleteObjects reported deleted");
            }
            delete(name, keys);
            previous = keys;
        }
        s3.deleteBucket(r -> r.bucket(name));
    }

    @Override
    public void emptyBut(String name, String keptPrefix) {
        // Listed whole first: the kept versions would otherwise come back at the head of every page.
        List<ObjectIdentifier> doomed = new ArrayList<>();
        s3.listObjectVersionsPaginator(r -> r.bucket(name)).forEach(page -> {
            page.versions().stream().filter(v -> !v.key().startsWith(keptPrefix))
                    .forEach(v -> doomed.add(id(v.key(), v.versionId())));
            page.deleteMarkers().stream().filter(m -> !m.key().startsWith(keptPrefix))
                    .forEach(m -> doomed.add(id(m.key(), m.versionId())));
        });
        delete(name, doomed);
    }

    private static ObjectIdentifier id(String key, String versionId) {
        return ObjectIdentifier.builder().key(key).versionId(versionId).build();
    }

    /** max-keys bounds versions and markers together, but a batch never exceeds DeleteObjects' limit regardless. */
    private void delete(String bucket, List<ObjectIdentifier> keys) {
        for (int from = 0; from < keys.size(); from += KEYS_PER_DELETE) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DELETE));
            DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket)
                    .delete(d -> d.objects(batch).quiet(true)));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw partialFailure(response.errors(), batch.size());
            }
        }
    }

    /** DeleteObjects answers 200 with per-key errors; surface the first as an ordinary S3 error. */
    private static S3Exception partialFailure(List<S3Error> errors, int requested) {
        S3Error first = errors.get(0);
        String message = "DeleteObjects: " + errors.size() + " of " + requested + " keys not deleted, first "
                + first.key() + ": " + first.message();
        return (S3Exception) S3Exception.builder()
                .statusCode("AccessDenied".equals(first.code()) ? 403 : 500)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode(first.code())
                        .errorMessage(message).build())
                .build();
    }

    private String region(String name) {
        String constraint = s3.getBucketLocation(r -> r.bucket(name)).locationConstraintAsString();
        if (constraint == null || constraint.isEmpty()) {
            return US_EAST_1;
        }
        // The oldest buckets in Ireland still answer with the legacy alias.
        return "EU".equals(constraint) ? "eu-west-1" : constraint;
    }

    private boolean publicAccessBlocked(String name) {
        try {
            PublicAccessBlockConfiguration c = s3.getPublicAccessBlock(r -> r.bucket(name))
                    .publicAccessBlockConfiguration();
            return Boolean.TRUE.equals(c.blockPublicAcls()) && Boolean.TRUE.equals(c.ignorePublicAcls())
                    && Boolean.TRUE.equals(c.blockPublicPolicy()) && Boolean.TRUE.equals(c.restrictPublicBuckets());
        } catch (S3Exception e) {
            if (hasCode(e, "NoSuchPublicAccessBlockConfiguration")) {
                return false;
            }
            throw e;
        }
    }

    private boolean encrypted(String name) {
        try {
            return !s3.getBucketEncryption(r -> r.bucket(name)).serverSideEncryptionConfiguration().rules().isEmpty();
        } catch (S3Exception e) {
            if (hasCode(e, "ServerSideEncryptionConfigurationNotFoundError")) {
                return false;
            }
            throw e;
        }
    }

    private String versioning(String name) {
        String status = s3.getBucketVersioning(r -> r.bucket(name)).statusAsString();
        return status == null ? "Off" : status;
    }

    private Map<String, String> tags(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            s3.getBucketTagging(r -> r.bucket(name)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        } catch (S3Exception e) {
            if (!hasCode(e, "NoSuchTagSet")) {
                throw e;
            }
        }
        return tags;
    }

    private static boolean hasCode(S3Exception e, String code) {
        return e.awsErrorDetails() != null && code.equals(e.awsErrorDetails().errorCode());
    }
}
