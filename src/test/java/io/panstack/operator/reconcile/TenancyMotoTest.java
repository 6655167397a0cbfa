package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.api.v1alpha1.SecretReference;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The operator's IAM role reaches every stack's AWS resources; a PanStack in namespace B must still never adopt,
 * restore from, change or delete what belongs to namespace A, nor what another PanStack manages. Each case is the
 * attack a tenant of B could try: B names A's resource in its spec, with deletionPolicy Delete, then deletes its
 * PanStack.
 */
@Tag(Tiers.MOTO)
class TenancyMotoTest extends MotoCloudTest {
    private AwsServices services;
    /** Team A's stack, released with Retain: its resources are kept, untagged as managed, still tagged namespace A. */
    private Stack teamA;

    @BeforeEach
    void teamAKeptItsStack() {
        services = aws.services();
        teamA = aws.awsStack();
        CloudFixture.untilReady(teamA, services, new TestCredentials());
        aws.s3.putObject(r -> r.bucket(AwsNames.bucket(teamA)).key("backups/dashboard.sql.gz"), RequestBody.fromString("dump"));
        CloudResourcesMotoTest.releaseUntilDone(teamA, services);
    }

    private Stack teamB() {
        return aws.stack(teamA.namespace() + "-b", UUID.randomUUID().toString(), "Delete");
    }

    private DBInstance instanceOfA() {
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(AwsNames.rdsIdentifier(teamA))).dbInstances().get(0);
    }

    private static String reasonOf(Throwable e) {
        return ((CloudProblem) e).problem().reason();
    }

    @Test
    void anotherNamespacesDatabaseIsNeitherAdoptedNorDeleted() {
        Stack b = teamB();
        b.spec().getDatabase().getRds().setIdentifier(AwsNames.rdsIdentifier(teamA));
        b.spec().getDatabase().getRds().setCredentialsSecretRef(new SecretReference("b-login"));
        b.spec().getDatabase().getRds().setInstanceClass("db.t3.small");

        assertThatThrownBy(() -> CloudResources.reconcile(b, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("AwsResourceOfAnotherNamespace"))
                .hasMessageNotContaining(teamA.namespace() + " ").hasMessageContaining("another namespace");
        CloudResourcesMotoTest.releaseUntilDone(b, services);

        DBInstance a = instanceOfA();
        assertThat(a.dbInstanceStatus()).isEqualTo("available");
        assertThat(a.deletionProtection()).as("deletion protection never lifted for B").isTrue();
        assertThat(a.dbInstanceClass()).isEqualTo("db.t3.medium");
        assertThat(CloudFixture.tags(a.tagList())).containsEntry(AwsTags.NAMESPACE, teamA.namespace())
                .doesNotContainKey(AwsTags.UID);
    }

    @Test
    void anotherNamespacesSnapshotIsNotRestored() {
        String snapshot = AwsNames.rdsIdentifier(teamA) + "-nightly";
        aws.rds.createDBSnapshot(r -> r.dbInstanceIdentifier(AwsNames.rdsIdentifier(teamA)).dbSnapshotIdentifier(snapshot)
                .tags(software.amazon.awssdk.services.rds.model.Tag.builder().key(AwsTags.NAMESPACE)
                        .value(teamA.namespace()).build())); // as RDS's CopyTagsToSnapshot does
        Stack b = teamB();
        b.spec().getDatabase().setRestoreFrom(new RestoreSpec());
        b.spec().getDatabase().getRestoreFrom().setRdsSnapshotId(snapshot);

        assertThatThrownBy(() -> CloudResources.reconcile(b, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("AwsResourceOfAnotherNamespace"));
        assertThatThrownBy(() -> aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(AwsNames.rdsIdentifier(b))))
                .as("no instance made from A's data").isInstanceOf(DbInstanceNotFoundException.class);
    }

    @Test
    void anotherNamespacesFilesAreNeitherAdoptedNorDeleted() {
        String fileSystem = io.panstack.operator.files.EfsFiles.find(teamA, services.efs()).orElseThrow().id();
        Stack b = teamB();
        b.spec().getDatabase().setRds(null);
        b.spec().getDatabase().setInCluster(new io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec());
        b.spec().getFiles().getEfs().setFileSystemId(fileSystem);

        assertThatThrownBy(() -> CloudResources.reconcile(b, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("AwsResourceOfAnotherNamespace"));
        CloudResourcesMotoTest.releaseUntilDone(b, services);

        assertThat(aws.efs.describeFileSystems(r -> r.fileSystemId(fileSystem)).fileSystems()).singleElement()
                .satisfies(fs -> assertThat(fs.tags()).noneMatch(t -> t.key().equals(AwsTags.UID)));
        assertThat(aws.efs.describeAccessPoints(r -> r.fileSystemId(fileSystem)).accessPoints()).isNotEmpty();
        assertThat(aws.efs.describeMountTargets(r -> r.fileSystemId(fileSystem)).mountTargets()).isNotEmpty();
    }

    @Test
    void anotherNamespacesBucketIsNeitherAdoptedNorEmptied() {
        String bucket = AwsNames.bucket(teamA);
        Stack b = teamB();
        b.spec().getDatabase().setRds(null);
        b.spec().getDatabase().setInCluster(new io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec());
        b.spec().getFiles().setEfs(null);
        b.spec().getBucket().setName(bucket);

        assertThatThrownBy(() -> CloudResources.reconcile(b, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("AwsResourceOfAnotherNamespace"));
        CloudResourcesMotoTest.releaseUntilDone(b, services);

        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("backups/dashboard.sql.gz");
        assertThat(aws.s3.getBucketTagging(r -> r.bucket(bucket)).tagSet())
                .noneMatch(t -> t.key().equals(AwsTags.UID));
    }

    @Test
    void aDatabaseAnotherPanStackStillManagesIsNotAdoptedInItsOwnNamespaceEither() {
        Stack live = aws.stack(teamA.namespace(), "live", UUID.randomUUID().toString(), "Retain");
        CloudFixture.untilReady(live, services, new TestCredentials());
        Stack other = aws.stack(teamA.namespace(), "other", UUID.randomUUID().toString(), "Delete");
        other.spec().getDatabase().getRds().setIdentifier(AwsNames.rdsIdentifier(live));
        other.spec().getDatabase().getRds().setCredentialsSecretRef(new SecretReference("login"));

        assertThatThrownBy(() -> CloudResources.reconcile(other, services, new TestCredentials()))
                .isInstanceOf(CloudProblem.class).satisfies(e -> assertThat(reasonOf(e)).isEqualTo("AwsResourceOfAnotherStack"))
                .hasMessageContaining(AwsTags.UID);
        CloudResourcesMotoTest.releaseUntilDone(other, services);

        assertThat(aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(AwsNames.rdsIdentifier(live))).dbInstances())
                .singleElement().satisfies(db -> assertThat(CloudFixture.tags(db.tagList()))
                        .containsEntry(AwsTags.UID, live.resource().getMetadata().getUid()));
    }

    @Test
    void aNamespaceTheAdminSharesIsUsedButNeverReleased() {
        String bucket = AwsNames.bucket(teamA);
        Stack plain = teamB();
        plain.spec().getDatabase().setRds(null);
        plain.spec().getDatabase().setInCluster(new io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec());
        plain.spec().getFiles().setEfs(null);
        plain.spec().getBucket().setName(bucket);
        Stack b = Stack.of(plain.resource(), io.panstack.operator.stack.JobImages.DEFAULTS,
                io.panstack.operator.stack.SharedNamespaces.of(java.util.List.of(plain.namespace() + ":" + teamA.namespace())));

        aws.s3.putObject(r -> r.bucket(bucket).key("themes/a.css"), RequestBody.fromString("a"));

        assertThat(CloudFixture.untilReady(b, services, new TestCredentials()).bucket().name()).isEqualTo(bucket);
        assertThat(aws.s3.getBucketTagging(r -> r.bucket(bucket)).tagSet()).as("still A's")
                .anyMatch(t -> t.key().equals(AwsTags.NAMESPACE) && t.value().equals(teamA.namespace()))
                .noneMatch(t -> t.key().equals(AwsTags.UID));
        CloudResourcesMotoTest.releaseUntilDone(b, services); // deletionPolicy Delete

        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactlyInAnyOrder("backups/dashboard.sql.gz", "themes/a.css");
    }

    @Test
    void whatTheOperatorKeptIsAdoptedAgainInItsOwnNamespace() {
        Stack again = aws.stack(teamA.namespace(), UUID.randomUUID().toString(), "Retain");
        again.spec().getDatabase().getRds().setIdentifier(AwsNames.rdsIdentifier(teamA));
        again.spec().getDatabase().getRds().setCredentialsSecretRef(new SecretReference("kept-login"));
        again.spec().getFiles().getEfs().setFileSystemId(
                io.panstack.operator.files.EfsFiles.find(teamA, services.efs()).orElseThrow().id());
        again.spec().getBucket().setName(AwsNames.bucket(teamA));

        assertThat(CloudFixture.untilReady(again, services, new TestCredentials()).ready()).isTrue();
        assertThat(CloudFixture.tags(instanceOfA().tagList()))
                .containsEntry(AwsTags.UID, again.resource().getMetadata().getUid());
    }
}
