package io.panstack.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.panstack.operator.aws.s3.Buckets.Bucket;
import io.panstack.operator.aws.s3.SdkBuckets;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** SdkBuckets against moto's S3. */
@Tag(Tiers.MOTO)
class SdkBucketsTest {

    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();

    private static S3Client s3;
    private static SdkBuckets buckets;

    @BeforeAll
    static void connect() {
        s3 = MOTO.client(S3Client.builder().forcePathStyle(true));
        buckets = new SdkBuckets(s3);
    }

    @AfterAll
    static void disconnect() {
        s3.close();
    }

    static String bucketName() {
        return "panstack-test-" + UUID.randomUUID();
    }

    @Test
    void missingBucketIsEmpty() {
        assertThat(buckets.find(bucketName())).isEmpty();
    }

    @Test
    void newBucketHasNoneOfTheSettings() {
        String name = bucketName();

        buckets.create(name, MotoServer.REGION);

        assertThat(buckets.find(name)).contains(new Bucket(name, "eu-west-1", false, false, "Off", Map.of(), Map.of()));
    }

    /** backup.objectLock on a bucket the operator made: Object Lock is enabled once, while versioning is on. */
    @Test
    void objectLockIsEnabledOnAVersionedBucket() {
        String name = bucketName();
        buckets.create(name, MotoServer.REGION);
        assertThat(buckets.objectLockEnabled(name)).isFalse();

        buckets.setVersioning(name, true);
        buckets.enableObjectLock(name);

        assertThat(buckets.objectLockEnabled(name)).isTrue();
        assertThat(s3.getObjectLockConfiguration(r -> r.bucket(name)).objectLockConfiguration().rule())
                .as("no default retention: each backup is locked on its own, the bucket's other objects are not")
                .isNull();
    }

    @Test
    void settingsShowInFind() {
        String name = bucketName();
        buckets.create(name, MotoServer.REGION);

        buckets.blockPublicAccess(name);
        buckets.encryptByDefault(name);
        buckets.setVersioning(name, true);
        buckets.setTags(name, Map.of("panstack.io/stack", "analytics/bi", "owner", "bi-team"));

        assertThat(buckets.find(name)).contains(new Bucket(name, "eu-west-1", true, true, "Enabled",
                Map.of("panstack.io/stack", "analytics/bi", "owner", "bi-team"), Map.of()));

        buckets.setVersioning(name, false);
        buckets.setTags(name, Map.of());
        Bucket after = buckets.find(name).orElseThrow();
        assertThat(after.versioning()).isEqualTo("Suspended");
        assertThat(after.tags()).isEmpty();
    }

    @Test
    void bucketInUsEast1HasNoLocationConstraint() {
        try (S3Client virginia = MOTO.client(S3Client.builder().forcePathStyle(true), "us-east-1")) {
            SdkBuckets inVirginia = new SdkBuckets(virginia);
            String name = bucketName();

            inVirginia.create(name, "us-east-1");

            assertThat(virginia.getBucketLocation(r -> r.bucket(name)).locationConstraintAsString()).isNullOrEmpty();
            assertThat(inVirginia.find(name)).map(Bucket::region).contains("us-east-1");
        }
    }

    @Test
    void secondCreateFailsWithAlreadyOwnedByYou() {
        String name = bucketName();
        buckets.create(name, MotoServer.REGION);

        assertThatThrownBy(() -> buckets.create(name, MotoServer.REGION))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou"));
    }

    @Test
    void emptyAndDeleteRemovesEveryVersionAndDeleteMarker() {
        String name = bucketName();
        buckets.create(name, MotoServer.REGION);
        buckets.setVersioning(name, true);
        for (int i = 0; i < 3; i++) {
            s3.putObject(r -> r.bucket(name).key("themes/logo.png"), RequestBody.fromString("v" + i));
        }
        s3.putObject(r -> r.bucket(name).key("exports/a.csv"), RequestBody.fromString("a"));
        s3.deleteObject(r -> r.bucket(name).key("exports/a.csv"));
        ListObjectVersionsResponse before = s3.listObjectVersions(r -> r.bucket(name));
        assertThat(before.versions()).hasSize(4);
        assertThat(before.deleteMarkers()).hasSize(1);

        buckets.emptyAndDelete(name);

        assertThat(buckets.find(name)).isEmpty();
    }

    @Test
    void emptyAndDeleteTakesMoreThanOneListPageAndDeleteBatch() {
        String name = bucketName();
        buckets.create(name, MotoServer.REGION);
        buckets.setVersioning(name, true);
        s3.putObject(r -> r.bucket(name).key("logo.png"), RequestBody.fromString("x"));
        // One version and 1000 delete markers (one DeleteObjects call naming the key 1000 times): more than a
        // list page or a delete batch holds, far cheaper than 1001 uploads.
        List<ObjectIdentifier> same = IntStream.range(0, 1000)
                .mapToObj(i -> ObjectIdentifier.builder().key("logo.png").build()).toList();
        s3.deleteObjects(r -> r.bucket(name).delete(d -> d.objects(same).quiet(true)));
        ListObjectVersionsResponse firstPage = s3.listObjectVersions(r -> r.bucket(name));
        assertThat(firstPage.isTruncated()).isTrue();

        buckets.emptyAndDelete(name);

        assertThat(buckets.find(name)).isEmpty();
    }

    @Test
    void backupsExpireUnderTheirPrefixAndOtherRulesStay() {
        String name = "panstack-lifecycle-" + System.nanoTime();
        buckets.create(name, "eu-west-1");
        s3.putBucketLifecycleConfiguration(r -> r.bucket(name).lifecycleConfiguration(c -> c.rules(
                software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("someone-elses").status("Enabled")
                        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(3)).build())));

        s3.putBucketLifecycleConfiguration(r -> r.bucket(name).lifecycleConfiguration(c -> c.rules(
                software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("someone-elses").status("Enabled")
                        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(3)).build(),
                software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("panstack-expire-backups-")
                        .status("Enabled").filter(f -> f.prefix("backups/")).expiration(e -> e.days(14))
                        .noncurrentVersionExpiration(e -> e.noncurrentDays(14)).build())));
        assertThat(buckets.find(name).orElseThrow().oldVersionDaysByPrefix())
                .as("an earlier rule that expired current backups by age is seen as missing, to be replaced").isEmpty();

        buckets.expireOldVersionsAfter(name, "backups/", 14);
        buckets.expireOldVersionsAfter(name, "backups/", 30);

        assertThat(buckets.find(name).orElseThrow().oldVersionDaysByPrefix()).containsExactly(Map.entry("backups/", 30));
        assertThat(s3.getBucketLifecycleConfiguration(r -> r.bucket(name)).rules())
                .extracting(software.amazon.awssdk.services.s3.model.LifecycleRule::id)
                .containsExactlyInAnyOrder("someone-elses", "panstack-expire-backups-");
    }
}
