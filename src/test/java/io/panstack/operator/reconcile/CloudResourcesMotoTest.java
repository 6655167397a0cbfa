package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.database.RdsParameters;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.api.v1alpha1.BackupLockSpec;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** A stack's RDS instance, EFS file system and bucket, made and kept in shape in a real AWS emulator (moto). */
@Tag(Tiers.MOTO)
class CloudResourcesMotoTest extends MotoCloudTest {

    DBInstance instance(String id) {
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
    }

    @Test
    void aStackGetsItsDatabaseFilesAndBucketWithTheSettingsPiNeeds() {
        Stack stack = aws.awsStack();
        TestCredentials credentials = new TestCredentials();

        CloudState state = CloudFixture.untilReady(stack, aws.services(), credentials);

        String id = AwsNames.rdsIdentifier(stack);
        DBInstance db = instance(id);
        assertThat(db.engine()).isEqualTo("mariadb");
        assertThat(db.dbInstanceClass()).isEqualTo("db.t3.medium");
        assertThat(db.storageEncrypted()).isTrue();
        assertThat(db.multiAZ()).isTrue();
        assertThat(db.backupRetentionPeriod()).isEqualTo(7);
        assertThat(db.deletionProtection()).isTrue();
        assertThat(db.publiclyAccessible()).isFalse();
        assertThat(db.dbName()).isEqualTo("dashboard");
        assertThat(db.masterUsername()).isEqualTo("panintelligence");
        assertThat(db.dbSubnetGroup().subnets()).extracting(s -> s.subnetIdentifier())
                .containsExactlyInAnyOrderElementsOf(aws.network.subnetIds());
        assertThat(db.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId()).containsExactly(aws.network.securityGroupId());
        assertThat(db.dbParameterGroups()).extracting(g -> g.dbParameterGroupName()).containsExactly(id);
        Map<String, String> parameters = aws.rds.describeDBParametersPaginator(r -> r.dbParameterGroupName(id).source("user"))
                .parameters().stream().collect(Collectors.toMap(Parameter::parameterName, Parameter::parameterValue));
        assertThat(parameters).containsAllEntriesOf(RdsParameters.required());
        assertThat(CloudFixture.tags(db.tagList())).containsEntry("team", "analytics")
                .containsEntry(AwsTags.UID, stack.resource().getMetadata().getUid())
                .containsEntry(AwsTags.MANAGED_BY, "panstack-operator");
        assertThat(credentials.generated).as("the master password is generated once").isEqualTo(1);

        FileSystemDescription fs = aws.efs.describeFileSystems(r -> r.creationToken(AwsNames.efsCreationToken(stack)))
                .fileSystems().get(0);
        assertThat(fs.encrypted()).isTrue();
        assertThat(fs.tags()).anyMatch(t -> t.key().equals(AwsTags.UID) && t.value().equals(stack.resource().getMetadata().getUid()));
        assertThat(aws.efs.describeMountTargets(r -> r.fileSystemId(fs.fileSystemId())).mountTargets())
                .extracting(m -> m.subnetId()).containsExactlyInAnyOrderElementsOf(aws.network.subnetIds());
        assertThat(aws.efs.describeAccessPoints(r -> r.fileSystemId(fs.fileSystemId())).accessPoints())
                .singleElement().satisfies(ap -> assertThat(ap.rootDirectory().path()).isEqualTo("/panstack"));
        assertThat(aws.backups.automaticBackupsEnabled(fs.fileSystemId())).isTrue();

        String bucket = AwsNames.bucket(stack);
        assertThat(aws.s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration().blockPublicAcls()).isTrue();
        assertThat(aws.s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules()).isNotEmpty();
        assertThat(aws.s3.getBucketVersioning(r -> r.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
        assertThat(aws.s3.getBucketTagging(r -> r.bucket(bucket)).tagSet()).anyMatch(t -> t.key().equals("team"));
        assertThat(aws.s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules())
                .as("only old versions of logical backups expire by age, backup.retentionDays after").singleElement()
                .satisfies(rule -> {
                    assertThat(rule.filter().prefix()).isEqualTo("backups/");
                    assertThat(rule.expiration()).as("current backups never expire by age alone").isNull();
                    assertThat(rule.noncurrentVersionExpiration().noncurrentDays()).isEqualTo(10);
                });

        assertThat(state.database().host()).isEqualTo(db.endpoint().address());
        assertThat(state.files().volumeHandle()).isEqualTo(fs.fileSystemId() + "::" + state.files().accessPointId());
        assertThat(state.bucket().name()).isEqualTo(bucket);
    }

    /**
     * Backups that stopped weeks ago: retention (10 days here) removes the old ones past the newest three, never
     * those three, and nothing that is not a backup of this stack's schema.
     */
    @Test
    void retentionInTheBucketKeepsTheNewestBackupsWhateverTheirAge() {
        Stack stack = aws.awsStack();
        stack.resource().getMetadata().setCreationTimestamp("2020-01-01T00:00:00Z");
        CloudFixture.untilReady(stack, aws.services(), new TestCredentials());
        String bucket = AwsNames.bucket(stack);
        List<String> keys = List.of("backups/dashboard-20260101T020000Z.sql.gz",
                "backups/dashboard-20260101T020000Z.sql.gz.manifest", "backups/dashboard-20260102T020000Z.sql.gz",
                "backups/dashboard-20260103T020000Z.sql.gz", "backups/dashboard-20260103T020000Z.sql.gz.manifest",
                "backups/dashboard-20260104T020000Z.sql.gz",
                "backups/dashboard-20260105T020000Z.sql.gz", "backups/notes.txt", "backups/other-20260101T020000Z.sql.gz",
                "backups/2025/dashboard-20250101T020000Z.sql.gz", "themes/dashboard-20260101T020000Z.sql.gz");
        keys.forEach(key -> aws.s3.putObject(r -> r.bucket(bucket).key(key),
                software.amazon.awssdk.core.sync.RequestBody.fromString("x")));
        // Moto stamps objects with the time they were written: judged a year later, all are past retention.
        java.time.Instant aYearLater = java.time.Instant.now().plus(java.time.Duration.ofDays(365));

        int pruned = io.panstack.operator.bucket.BackupPruning.prune(stack, aws.services().s3(), bucket, aYearLater).value();

        assertThat(pruned).isEqualTo(2);
        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .as("a pruned backup's manifest goes with it; a kept one's stays")
                .containsExactlyInAnyOrder("backups/dashboard-20260103T020000Z.sql.gz",
                        "backups/dashboard-20260103T020000Z.sql.gz.manifest", "backups/dashboard-20260104T020000Z.sql.gz", "backups/dashboard-20260105T020000Z.sql.gz",
                        "backups/notes.txt", "backups/other-20260101T020000Z.sql.gz",
                        "backups/2025/dashboard-20250101T020000Z.sql.gz", "themes/dashboard-20260101T020000Z.sql.gz");
        assertThat(aws.s3.listObjectVersions(r -> r.bucket(bucket).prefix("backups/dashboard-20260101")).versions())
                .as("versioned: the pruned backup and manifest stay as old versions until the lifecycle rule expires them")
                .extracting(v -> v.key()).containsExactlyInAnyOrder("backups/dashboard-20260101T020000Z.sql.gz",
                        "backups/dashboard-20260101T020000Z.sql.gz.manifest");
        assertThat(io.panstack.operator.bucket.BackupPruning.prune(stack, aws.services().s3(), bucket, aYearLater).value())
                .as("the newest three stay, however often it runs").isZero();
    }

    /** A backup a restore still needs (its source, or a partial restore's way back) outlives retention. */
    @Test
    void retentionKeepsWhatARestoreNeeds() {
        Stack stack = aws.awsStack();
        stack.resource().getMetadata().setCreationTimestamp("2020-01-01T00:00:00Z");
        CloudFixture.untilReady(stack, aws.services(), new TestCredentials());
        String bucket = AwsNames.bucket(stack);
        List<String> keys = List.of("backups/dashboard-20260101T020000Z.sql.gz", "backups/dashboard-20260102T020000Z.sql.gz",
                "backups/dashboard-20260103T020000Z.sql.gz", "backups/dashboard-20260104T020000Z.sql.gz",
                "backups/dashboard-20260105T020000Z.sql.gz", "backups/dashboard-20260106T020000Z.sql.gz");
        keys.forEach(key -> aws.s3.putObject(r -> r.bucket(bucket).key(key),
                software.amazon.awssdk.core.sync.RequestBody.fromString("x")));
        java.time.Instant aYearLater = java.time.Instant.now().plus(java.time.Duration.ofDays(365));

        int pruned = io.panstack.operator.bucket.BackupPruning.prune(stack, aws.services().s3(), bucket, aYearLater,
                java.util.Set.of("s3://" + bucket + "/" + keys.get(0), "s3://" + bucket + "/" + keys.get(1),
                        "s3://another-bucket/" + keys.get(2))).value();

        assertThat(pruned).isEqualTo(1);
        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactlyInAnyOrder(keys.get(0), keys.get(1), keys.get(3), keys.get(4), keys.get(5));
    }

    /** backup.objectLock: Object Lock is enabled on the bucket the operator made, once; nothing is reported. */
    @Test
    void objectLockIsEnabledOnTheStacksBucketWhenBackupsAreToBeLocked() {
        Stack stack = aws.awsStack();
        BackupLockSpec lock = new BackupLockSpec();
        lock.setMode(BackupLockSpec.Mode.GOVERNANCE);
        lock.setDays(30);
        stack.spec().getBackup().setObjectLock(lock);

        var state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());

        String bucket = AwsNames.bucket(stack);
        assertThat(aws.s3.getObjectLockConfiguration(r -> r.bucket(bucket)).objectLockConfiguration()
                .objectLockEnabledAsString()).isEqualTo("Enabled");
        assertThat(state.bucket().state().drift()).isEmpty();
    }

    @Test
    void specChangesReachTheInstanceThroughModify() {
        Stack stack = aws.awsStack();
        TestCredentials credentials = new TestCredentials();
        CloudFixture.untilReady(stack, aws.services(), credentials);

        var rds = stack.spec().getDatabase().getRds();
        rds.setInstanceClass("db.r6g.large");
        rds.setAllocatedStorageGiB(50);
        rds.setBackupRetentionDays(14);
        rds.setMultiAZ(false);
        CloudState changed = CloudResources.reconcile(stack, aws.services(), credentials);

        assertThat(changed.settling()).as("a modification is polled fast").isTrue();
        DBInstance db = instance(AwsNames.rdsIdentifier(stack));
        assertThat(db.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(db.allocatedStorage()).isEqualTo(50);
        assertThat(db.backupRetentionPeriod()).isEqualTo(14);
        assertThat(db.multiAZ()).isFalse();
        assertThat(CloudResources.reconcile(stack, aws.services(), credentials).settling()).isFalse();
    }

    @Test
    void anInstanceOfTheSameNameThatIsNotThisStacksIsLeftAlone() {
        Stack earlier = aws.awsStack();
        CloudFixture.untilReady(earlier, aws.services(), new TestCredentials());
        CloudRelease.release(earlier, aws.services()); // Retain: kept, no longer tagged as managed
        Stack later = aws.stack(earlier.namespace(), java.util.UUID.randomUUID().toString(), "Retain");

        assertThatThrownBy(() -> CloudResources.reconcile(later, aws.services(), new TestCredentials()))
                .isInstanceOf(CloudProblem.class)
                .satisfies(e -> assertThat(((CloudProblem) e).problem().reason()).isEqualTo("AwsNameConflict"));
        assertThat(CloudFixture.tags(instance(AwsNames.rdsIdentifier(earlier)).tagList()))
                .doesNotContainKeys(AwsTags.MANAGED_BY, AwsTags.UID);
    }

    @Test
    void anExistingInstanceIsAdoptedByIdentifier() {
        Stack earlier = aws.awsStack();
        CloudFixture.untilReady(earlier, aws.services(), new TestCredentials());
        CloudRelease.release(earlier, aws.services());
        String id = AwsNames.rdsIdentifier(earlier);
        Stack adopting = aws.stack(earlier.namespace(), "bi-adopting", java.util.UUID.randomUUID().toString(), "Retain");
        adopting.spec().getDatabase().getRds().setIdentifier(id);
        adopting.spec().getDatabase().getRds().setCredentialsSecretRef(new io.panstack.operator.api.v1alpha1.SecretReference("old-login"));
        adopting.spec().getDatabase().getRds().setBackupRetentionDays(7);

        CloudState state = CloudFixture.untilReady(adopting, aws.services(), new TestCredentials());

        assertThat(state.database().identifier()).isEqualTo(id);
        assertThat(CloudFixture.tags(instance(id).tagList())).containsEntry(AwsTags.UID, adopting.resource().getMetadata().getUid());
    }

    @Test
    void adoptingAnInstanceThatDoesNotExistStallsInsteadOfCreatingOne() {
        Stack stack = aws.awsStack();
        stack.spec().getDatabase().getRds().setIdentifier("no-such-instance");

        assertThatThrownBy(() -> CloudResources.reconcile(stack, aws.services(), new TestCredentials()))
                .isInstanceOf(CloudProblem.class)
                .satisfies(e -> assertThat(((CloudProblem) e).problem().reason()).isEqualTo("RdsInstanceNotFound"));
        assertThatThrownBy(() -> instance("no-such-instance")).isInstanceOf(DbInstanceNotFoundException.class);
    }

    @Test
    void aNewInstanceIsRestoredFromASnapshotAndGetsTheStacksPassword() {
        Stack source = aws.awsStack();
        CloudFixture.untilReady(source, aws.services(), new TestCredentials());
        String snapshot = AwsNames.rdsIdentifier(source) + "-for-restore";
        aws.rds.createDBSnapshot(r -> r.dbInstanceIdentifier(AwsNames.rdsIdentifier(source)).dbSnapshotIdentifier(snapshot));
        Stack restored = aws.stack(source.namespace(), "bi-restored", java.util.UUID.randomUUID().toString(), "Retain");
        restored.spec().getDatabase().setRestoreFrom(new io.panstack.operator.api.v1alpha1.RestoreSpec());
        restored.spec().getDatabase().getRestoreFrom().setRdsSnapshotId(snapshot);
        TestCredentials credentials = new TestCredentials();

        CloudState state = CloudFixture.untilReady(restored, aws.services(), credentials);

        DBInstance db = instance(AwsNames.rdsIdentifier(restored));
        assertThat(state.database().state().ready()).isTrue();
        assertThat(CloudFixture.tags(db.tagList())).containsEntry(AwsTags.MASTER_PASSWORD_SET, "true")
                .containsEntry(AwsTags.UID, restored.resource().getMetadata().getUid());
        assertThat(db.dbParameterGroups()).extracting(g -> g.dbParameterGroupName()).containsExactly(AwsNames.rdsIdentifier(restored));
        assertThat(credentials.generated).isEqualTo(1);
    }

    @Test
    void aSnapshotThatDoesNotExistStallsAndCreatesNothing() {
        Stack stack = aws.awsStack();
        stack.spec().getDatabase().setRestoreFrom(new io.panstack.operator.api.v1alpha1.RestoreSpec());
        stack.spec().getDatabase().getRestoreFrom().setRdsSnapshotId("no-such-snapshot");
        TestCredentials credentials = new TestCredentials();

        assertThatThrownBy(() -> CloudResources.reconcile(stack, aws.services(), credentials))
                .isInstanceOf(CloudProblem.class)
                .satisfies(e -> assertThat(((CloudProblem) e).problem().reason()).isEqualTo("RdsSnapshotNotFound"));
        assertThat(credentials.generated).isZero();
        assertThatThrownBy(() -> instance(AwsNames.rdsIdentifier(stack))).isInstanceOf(DbInstanceNotFoundException.class);
    }

    @Test
    void retainKeepsEverythingAndUntagsIt() {
        Stack stack = aws.awsStack();
        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());

        Release release = releaseUntilDone(stack, aws.services());

        assertThat(release.kept()).containsExactly("RDS instance " + AwsNames.rdsIdentifier(stack),
                "EFS file system " + state.files().fileSystemId(), "bucket " + state.bucket().name());
        assertThat(CloudFixture.tags(instance(AwsNames.rdsIdentifier(stack)).tagList()))
                .doesNotContainKeys(AwsTags.MANAGED_BY, AwsTags.UID).containsEntry("team", "analytics");
        assertThat(aws.efs.describeFileSystems(r -> r.fileSystemId(state.files().fileSystemId())).fileSystems()).hasSize(1);
        assertThat(aws.s3.getBucketTagging(r -> r.bucket(state.bucket().name())).tagSet())
                .noneMatch(t -> AwsTags.OWNERSHIP.contains(t.key()));
    }

    @Test
    void snapshotDeletesTheInstanceAfterAFinalSnapshotAndKeepsFilesAndBucket() {
        Stack stack = aws.stack("aws-snap-" + System.nanoTime(), java.util.UUID.randomUUID().toString(), "Snapshot");
        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());
        String id = AwsNames.rdsIdentifier(stack);

        Release release = releaseUntilDone(stack, aws.services());

        assertThatThrownBy(() -> instance(id)).isInstanceOf(DbInstanceNotFoundException.class);
        String snapshot = AwsNames.finalSnapshot(id, stack);
        assertThat(aws.rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshot)).dbSnapshots()).hasSize(1);
        assertThat(release.kept()).contains("final RDS snapshot " + snapshot);
        assertThat(aws.efs.describeFileSystems(r -> r.fileSystemId(state.files().fileSystemId())).fileSystems()).hasSize(1);
        aws.s3.headBucket(r -> r.bucket(state.bucket().name()));
    }

    @Test
    void deleteKeepsOnlyTheLastRecoveryPoints() {
        Stack stack = aws.stack("aws-del-" + System.nanoTime(), java.util.UUID.randomUUID().toString(), "Delete");
        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());
        String id = AwsNames.rdsIdentifier(stack);
        String bucket = state.bucket().name();
        aws.s3.putObject(r -> r.bucket(bucket).key("themes/a.css"), software.amazon.awssdk.core.sync.RequestBody.fromString("a"));
        aws.s3.putObject(r -> r.bucket(bucket).key("backups/dashboard-2026.sql.gz"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("dump"));

        Release release = releaseUntilDone(stack, aws.services());

        assertThatThrownBy(() -> instance(id)).isInstanceOf(DbInstanceNotFoundException.class);
        assertThat(aws.rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(AwsNames.finalSnapshot(id, stack))).dbSnapshots())
                .as("a final snapshot, unless deleteRecoveryPoints").hasSize(1);
        assertThat(aws.efs.describeFileSystems(r -> r.creationToken(AwsNames.efsCreationToken(stack))).fileSystems()).isEmpty();
        assertThat(aws.s3.listObjectVersions(r -> r.bucket(bucket)).versions()).extracting(v -> v.key())
                .containsExactly("backups/dashboard-2026.sql.gz");
        assertThat(aws.s3.getBucketTagging(r -> r.bucket(bucket)).tagSet())
                .noneMatch(t -> t.key().equals(AwsTags.UID) || t.key().equals(AwsTags.NAME));
        assertThatThrownBy(() -> aws.s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)))
                .as("the backups kept are no longer expired")
                .satisfies(e -> assertThat(((software.amazon.awssdk.services.s3.model.S3Exception) e).awsErrorDetails()
                        .errorCode()).isEqualTo("NoSuchLifecycleConfiguration"));
        assertThat(release.kept()).anySatisfy(kept -> assertThat(kept).contains(AwsNames.finalSnapshot(id, stack)))
                .anySatisfy(kept -> assertThat(kept).contains(bucket).contains("backups/"));
    }

    @Test
    void deleteWithDeleteRecoveryPointsRemovesEverythingIncludingTheGroups() {
        Stack stack = aws.stack("aws-del-" + System.nanoTime(), java.util.UUID.randomUUID().toString(), "Delete");
        stack.spec().setDeleteRecoveryPoints(true);
        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());
        String id = AwsNames.rdsIdentifier(stack);
        aws.s3.putObject(r -> r.bucket(state.bucket().name()).key("themes/a.css"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("a"));
        aws.s3.putObject(r -> r.bucket(state.bucket().name()).key("themes/a.css"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("b"));

        Release release = releaseUntilDone(stack, aws.services());

        assertThat(release.kept()).isEmpty();
        assertThatThrownBy(() -> instance(id)).isInstanceOf(DbInstanceNotFoundException.class);
        assertThat(aws.rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(id)).dbSnapshots())
                .as("no final snapshot under Delete with deleteRecoveryPoints").isEmpty();
        assertThat(aws.rds.describeDBParameterGroups().dbParameterGroups()).noneMatch(g -> g.dbParameterGroupName().equals(id));
        assertThat(aws.rds.describeDBSubnetGroups().dbSubnetGroups()).noneMatch(g -> g.dbSubnetGroupName().equals(id));
        assertThat(aws.efs.describeFileSystems(r -> r.creationToken(AwsNames.efsCreationToken(stack))).fileSystems()).isEmpty();
        assertThatThrownBy(() -> aws.s3.headBucket(r -> r.bucket(state.bucket().name())))
                .isInstanceOf(NoSuchBucketException.class);
    }

    /**
     * backup.objectLock with deleteRecoveryPoints: locked backups cannot be deleted before their retention ends, so the
     * bucket stays with its backups/ folder (and the finalizer finishes) instead of retrying for years.
     */
    @Test
    void aLockedBucketIsKeptWithItsBackupsWhenEverythingElseIsDeleted() {
        Stack stack = aws.stack("aws-lock-" + System.nanoTime(), java.util.UUID.randomUUID().toString(), "Delete");
        stack.spec().setDeleteRecoveryPoints(true);
        BackupLockSpec lock = new BackupLockSpec();
        lock.setMode(BackupLockSpec.Mode.COMPLIANCE);
        lock.setDays(30);
        stack.spec().getBackup().setObjectLock(lock);
        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());
        String bucket = state.bucket().name();
        String md5;
        try {
            md5 = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5")
                    .digest("locked".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        aws.s3.putObject(r -> r.bucket(bucket).key("backups/dashboard-20261130T020000Z.sql.gz").contentMD5(md5)
                .objectLockMode("COMPLIANCE").objectLockRetainUntilDate(java.time.Instant.now().plusSeconds(30 * 86400)),
                software.amazon.awssdk.core.sync.RequestBody.fromString("locked"));

        Release release = releaseUntilDone(stack, aws.services());

        assertThat(release.kept()).anySatisfy(kept -> assertThat(kept).contains(bucket, "Object Lock"));
        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("backups/dashboard-20261130T020000Z.sql.gz");
    }

    static Release releaseUntilDone(Stack stack, AwsServices services) {
        Release release = null;
        for (int pass = 1; pass <= 10; pass++) {
            release = CloudRelease.release(stack, services);
            if (release.done()) {
                return release;
            }
        }
        throw new AssertionError("still waiting after 10 passes: " + release.waitingFor());
    }
}
