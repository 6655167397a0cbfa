package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.files.EfsFiles;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A cluster rebuilt from Git: the same PanStack (namespace, name, spec) comes back with a new uid and no status,
 * while its files and bucket are still in AWS. A new, empty file system or bucket would start Pi on nothing and
 * hide the real data (and, for the bucket, the backups); the stack stalls instead and says how to take them back.
 */
@Tag(Tiers.MOTO)
class RebuiltClusterMotoTest extends MotoCloudTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A stack with an in-cluster database (RDS has its own check, AwsNameConflict), EFS and a bucket. */
    private Stack stack(String namespace, String uid) {
        Stack stack = aws.stack(namespace, "bi", uid, "Retain");
        stack.spec().getDatabase().setRds(null);
        stack.spec().getDatabase().setInCluster(new InClusterDatabaseSpec());
        return stack;
    }

    private static String reasonOf(Throwable e) {
        return ((CloudProblem) e).problem().reason();
    }

    @Test
    void theRebuiltStackFindsItsFilesInsteadOfMakingNewEmptyOnes() {
        AwsServices services = aws.services();
        String namespace = "rebuilt-" + NEXT.incrementAndGet();
        Stack before = stack(namespace, UUID.randomUUID().toString());
        CloudFixture.untilReady(before, services, new TestCredentials());
        String files = EfsFiles.find(before, services.efs()).orElseThrow().id();

        Stack rebuilt = stack(namespace, UUID.randomUUID().toString());

        assertThatThrownBy(() -> CloudResources.reconcile(rebuilt, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("EarlierFilesFound"))
                .hasMessageContaining(files).hasMessageContaining("spec.files.efs.fileSystemId");
        assertThat(EfsFiles.find(rebuilt, services.efs())).as("no new, empty file system").isEmpty();

        // Taken back as the message says: the earlier stack's tags removed, the file system adopted by id.
        aws.efs.untagResource(r -> r.resourceId(files).tagKeys(AwsTags.MANAGED_BY, AwsTags.UID));
        rebuilt.spec().getFiles().getEfs().setFileSystemId(files);
        rebuilt.spec().getBucket().setName(AwsNames.bucket(before));
        aws.s3.deleteBucketTagging(r -> r.bucket(AwsNames.bucket(before)));
        assertThat(CloudFixture.untilReady(rebuilt, services, new TestCredentials()).files().fileSystemId())
                .isEqualTo(files);
    }

    @Test
    void theRebuiltStackFindsItsBucketAndBackupsInsteadOfMakingANewOne() {
        AwsServices services = aws.services();
        String namespace = "rebuilt-" + NEXT.incrementAndGet();
        Stack before = stack(namespace, UUID.randomUUID().toString());
        before.spec().getFiles().setEfs(null);
        CloudFixture.untilReady(before, services, new TestCredentials());
        String bucket = AwsNames.bucket(before);
        aws.s3.putObject(r -> r.bucket(bucket).key("backups/dashboard.sql.gz"), RequestBody.fromString("dump"));

        Stack rebuilt = stack(namespace, UUID.randomUUID().toString());
        rebuilt.spec().getFiles().setEfs(null);

        assertThatThrownBy(() -> CloudResources.reconcile(rebuilt, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("EarlierBucketFound"))
                .hasMessageContaining(bucket).hasMessageContaining("spec.bucket.name");
        assertThat(aws.s3.listBuckets().buckets()).extracting(b -> b.name()).as("no new, empty bucket")
                .doesNotContain(AwsNames.bucket(rebuilt));
    }

    @Test
    void anotherStackOfTheNamespaceMakesItsOwnAsBefore() {
        AwsServices services = aws.services();
        String namespace = "rebuilt-" + NEXT.incrementAndGet();
        CloudFixture.untilReady(stack(namespace, UUID.randomUUID().toString()), services, new TestCredentials());
        Stack other = aws.stack(namespace, "reports", UUID.randomUUID().toString(), "Retain");
        other.spec().getDatabase().setRds(null);
        other.spec().getDatabase().setInCluster(new InClusterDatabaseSpec());

        assertThat(CloudFixture.untilReady(other, services, new TestCredentials()).ready()).isTrue();
    }
}
