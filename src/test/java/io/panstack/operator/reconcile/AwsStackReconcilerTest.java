package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupSpec;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.backup.BackupDataDeletions;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.api.v1alpha1.Phase;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.FaultInjectingHttpClient.Fault;
import io.panstack.operator.testsupport.MotoNetwork;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.QuarkusMoto;
import io.panstack.operator.testsupport.TestAwsServices;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The operator with an AWS-backed stack: the mock API server for Kubernetes, moto for AWS, the real SDK between.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(MotoServer.class)
@Tag(Tiers.RECONCILER)
class AwsStackReconcilerTest {
    @Inject
    KubernetesClient client;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    ClusterFixture cluster;
    static MotoNetwork network;
    static RdsClient rds;
    static EfsClient efs;
    static S3Client s3;

    @BeforeEach
    void setUp() {
        cluster = ClusterFixture.inFreshNamespace(client);
        network = QuarkusMoto.network();
        rds = QuarkusMoto.client(RdsClient.builder());
        efs = QuarkusMoto.client(EfsClient.builder());
        s3 = QuarkusMoto.client(S3Client.builder().forcePathStyle(true));
        TestAwsServices.HTTP.passAll();
    }

    @AfterEach
    void awsBack() {
        TestAwsServices.HTTP.passAll();
        TestAwsServices.backupsAsMotoAnswers = false;
    }

    String manifest(String deletionPolicy) {
        String subnets = String.join(", ", network.subnetIds());
        return """
                apiVersion: panstack.io/v1alpha1
                kind: PanStack
                metadata:
                  name: bi
                spec:
                  version: "2025_10.1"
                  deletionPolicy: %s
                  dashboard: {replicas: 2}
                  database:
                    rds:
                      engineVersion: "10.11.6"
                      subnetIds: [%s]
                      securityGroupIds: [%s]
                  files:
                    efs:
                      subnetIds: [%s]
                  bucket: {}
                  aws:
                    region: eu-west-1
                """.formatted(deletionPolicy, subnets, network.securityGroupId(), subnets);
    }

    DBInstance instance(PanStack stack) {
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier(stack.getStatus().getDatabase().getInstanceId()))
                .dbInstances().get(0);
    }

    PanStack bringUp(String deletionPolicy) {
        cluster.create(manifest(deletionPolicy));
        cluster.awaitCondition("bi", "BucketReady", "True");
        cluster.awaitCondition("bi", "FilesReady", "True");
        cluster.awaitCondition("bi", "DatabaseReady", "True");
        cluster.awaitObject(Deployment.class, "bi-dashboard");
        cluster.runControllersUntilReady("bi");
        return cluster.get("bi");
    }

    @Test
    void anAwsStackComesUpOnRdsEfsAndS3() {
        PanStack stack = bringUp("Retain");

        assertThat(stack.getMetadata().getFinalizers()).as("finalizer in place").isNotEmpty();
        assertThat(stack.getStatus().getPhase()).isEqualTo(Phase.Ready);
        DBInstance db = instance(stack);
        assertThat(stack.getStatus().getDatabase().getHost()).isEqualTo(db.endpoint().address());
        assertThat(stack.getStatus().getDatabase().getAwsStatus()).isEqualTo("available");
        assertThat(CloudTags.rds(db)).containsEntry(AwsTags.UID, stack.getMetadata().getUid());

        Deployment dashboard = cluster.find(Deployment.class, "bi-dashboard").orElseThrow();
        List<EnvVar> env = dashboard.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("PI_DB_HOST");
            assertThat(e.getValue()).isEqualTo(db.endpoint().address());
        });
        assertThat(cluster.list(StatefulSet.class)).as("no in-cluster MariaDB").isEmpty();
        Secret login = cluster.find(Secret.class, "bi-db-credentials").orElseThrow();
        assertThat(login.getData()).containsOnlyKeys("username", "password");

        String fileSystem = stack.getStatus().getFiles().getFileSystemId();
        String accessPoint = stack.getStatus().getFiles().getAccessPointId();
        assertThat(efs.describeFileSystems(r -> r.fileSystemId(fileSystem)).fileSystems()).hasSize(1);
        PersistentVolume volume = client.persistentVolumes().withName(AwsNames.filesPersistentVolume(Stack.of(stack))).get();
        assertThat(volume.getSpec().getCsi().getDriver()).isEqualTo("efs.csi.aws.com");
        assertThat(volume.getSpec().getCsi().getVolumeHandle()).isEqualTo(fileSystem + "::" + accessPoint);
        assertThat(volume.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
        PersistentVolumeClaim claim = cluster.find(PersistentVolumeClaim.class, "bi-files").orElseThrow();
        assertThat(claim.getSpec().getVolumeName()).isEqualTo(volume.getMetadata().getName());
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        s3.headBucket(r -> r.bucket(stack.getStatus().getBucket().getName()));
        assertThat(stack.getStatus().getBucket().getRegion()).isEqualTo("eu-west-1");
    }

    /**
     * A PanStackRestore to a point in time: AWS makes a new instance while Pi runs on, then Pi is pointed at it (its
     * Deployments' database host changes), status names it, and the old instance is kept.
     */
    @Test
    void aPointInTimeRestoreMovesPiToANewInstanceAndKeepsTheOldOne() {
        PanStack before = bringUp("Retain");
        String old = before.getStatus().getDatabase().getInstanceId();
        createRestore("to-this-morning", s -> s.setPointInTime(java.time.Instant.now().minusSeconds(600).toString()));

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStackRestore current = client.resources(PanStackRestore.class).inNamespace(cluster.namespace)
                    .withName("to-this-morning").get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getPhase()).isEqualTo(RestorePhase.Completed);
        });
        PanStackRestoreStatus done = client.resources(PanStackRestore.class).inNamespace(cluster.namespace)
                .withName("to-this-morning").get().getStatus();
        assertThat(done.getPreviousInstance()).isEqualTo(old);
        assertThat(done.getRestoredInstance()).isNotEqualTo(old).startsWith("panstack-");
        assertThat(done.getStartTime()).isNotNull();
        assertThat(done.getPiStopped()).as("Pi ran on throughout").isNotEqualTo(Boolean.TRUE);

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStack after = cluster.get("bi");
            assertThat(after.getStatus().getDatabase().getInstanceId()).isEqualTo(done.getRestoredInstance());
            DBInstance restored = instance(after);
            assertThat(after.getStatus().getDatabase().getHost()).isEqualTo(restored.endpoint().address());
            Deployment dashboard = cluster.find(Deployment.class, "bi-dashboard").orElseThrow();
            assertThat(dashboard.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .anySatisfy(e -> {
                        assertThat(e.getName()).isEqualTo("PI_DB_HOST");
                        assertThat(e.getValue()).isEqualTo(restored.endpoint().address());
                    });
        });
        assertThat(rds.describeDBInstances(r -> r.dbInstanceIdentifier(old)).dbInstances().get(0).dbInstanceStatus())
                .as("the previous instance is kept").isEqualTo("available");
        cluster.runControllersUntilReady("bi");
        assertThat(cluster.get("bi").getStatus().getPhase()).isEqualTo(Phase.Ready);
    }

    /** A PanStackBackup of kind RdsSnapshot takes a snapshot; a PanStackRestore naming it restores it. */
    @Test
    void anRdsSnapshotBackupIsTakenAndRestoredByName() {
        PanStack before = bringUp("Retain");
        String old = before.getStatus().getDatabase().getInstanceId();
        PanStackBackup record = new PanStackBackup();
        record.getMetadata().setName("friday");
        PanStackBackupSpec backup = new PanStackBackupSpec();
        backup.setStack("bi");
        backup.setKind(PanStackBackupSpec.Kind.RdsSnapshot);
        record.setSpec(backup);
        client.resources(PanStackBackup.class).inNamespace(cluster.namespace).resource(record).create();

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStackBackup taken = client.resources(PanStackBackup.class).inNamespace(cluster.namespace)
                    .withName("friday").get();
            assertThat(taken.getStatus()).isNotNull();
            assertThat(taken.getStatus().getPhase()).isEqualTo(BackupPhase.Completed);
            assertThat(taken.getStatus().getKind()).isEqualTo("RdsSnapshot");
            assertThat(taken.getStatus().getLocation()).startsWith("rds-snapshot:");
        });
        String snapshot = client.resources(PanStackBackup.class).inNamespace(cluster.namespace).withName("friday").get()
                .getStatus().getLocation().substring("rds-snapshot:".length());
        assertThat(rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshot)).dbSnapshots().get(0)
                .dbInstanceIdentifier()).isEqualTo(old);

        createRestore("back-to-friday", s -> s.setBackup("friday"));

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStackRestoreStatus status = client.resources(PanStackRestore.class).inNamespace(cluster.namespace)
                    .withName("back-to-friday").get().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getPhase()).isEqualTo(RestorePhase.Completed);
            assertThat(status.getSource()).isEqualTo("rds-snapshot:" + snapshot);
            assertThat(cluster.get("bi").getStatus().getDatabase().getInstanceId()).isEqualTo(status.getRestoredInstance());
        });
        assertThat(cluster.list(io.fabric8.kubernetes.api.model.batch.v1.Job.class))
                .as("no Job: AWS does both").noneMatch(j -> j.getMetadata().getName().startsWith("bi-safety-"));
    }

    /**
     * Deleting a PanStackBackup deletes no data; annotated panstack.io/delete-data, its dump and manifest go from the
     * stack's bucket, then the record. A backup a running restore needs stays, and its record says why.
     */
    @Test
    void aBackupsDataIsDeletedOnlyWhenItsPanStackBackupAsks() {
        PanStack stack = bringUp("Retain");
        String bucket = stack.getStatus().getBucket().getName();
        String needed = "backups/dashboard-20261129T020000Z.sql.gz";
        String asked = "backups/dashboard-20261130T020000Z.sql.gz";
        String newest = "backups/dashboard-20261201T020000Z.sql.gz";
        for (String key : List.of(needed, asked, newest)) {
            for (String object : List.of(key, key + ".manifest")) {
                s3.putObject(r -> r.bucket(bucket).key(object), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            }
        }
        takenBackup("sunday", "s3://" + bucket + "/" + needed);
        takenBackup("monday", "s3://" + bucket + "/" + asked);
        client.resources(PanStackBackup.class).inNamespace(cluster.namespace).withName("monday").delete();
        cluster.edit("bi", s -> s.getSpec().getRenderer().setReplicas(2)); // a pass after the deletion
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("bi").getStatus().getObservedGeneration()
                .equals(cluster.get("bi").getMetadata().getGeneration()));
        assertThat(keys(bucket)).as("a record deleted takes no data with it").contains(asked, needed);
        takenBackup("monday-again", "s3://" + bucket + "/" + asked);
        sleepPastTheSecond(); // completion times have whole seconds: tuesday's is the newest
        takenBackup("tuesday", "s3://" + bucket + "/" + newest);
        // No Job finishes here: it stays under way, needing "sunday" all along.
        createRestore("back-to-sunday", s -> s.setBackup("sunday"));

        for (String name : List.of("monday-again", "sunday", "tuesday")) {
            client.resources(PanStackBackup.class).inNamespace(cluster.namespace).withName(name)
                    .edit(r -> {
                        r.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(BackupDataDeletions.ANNOTATION, "true")));
                        return r;
                    });
        }

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(keys(bucket)).doesNotContain(asked, asked + ".manifest");
            assertThat(record("monday-again")).isNull();
            assertThat(record("sunday").getStatus().getMessage()).contains("Data kept")
                    .contains("PanStackRestore back-to-sunday");
            assertThat(record("tuesday").getStatus().getMessage()).contains("Data kept").contains("newest backup");
        });
        assertThat(keys(bucket)).contains(needed, needed + ".manifest", newest, newest + ".manifest");
    }

    static void sleepPastTheSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    PanStackBackup record(String name) {
        return client.resources(PanStackBackup.class).inNamespace(cluster.namespace).withName(name).get();
    }

    /** A PanStackBackup taken as a user takes one: its Job (finished here) says where the backup went. */
    void takenBackup(String name, String location) {
        PanStackBackup record = new PanStackBackup();
        record.getMetadata().setName(name);
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack("bi");
        record.setSpec(spec);
        client.resources(PanStackBackup.class).inNamespace(cluster.namespace).resource(record).create();
        io.fabric8.kubernetes.api.model.batch.v1.Job job = await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster
                .list(io.fabric8.kubernetes.api.model.batch.v1.Job.class).stream()
                .filter(j -> name.equals(j.getMetadata().getLabels().get(io.panstack.operator.backup.BackupRecords.RECORD_LABEL)))
                .findFirst(), java.util.Optional::isPresent).get();
        cluster.finishJob(job, true, "upload", "upload: " + location + " bytes=1 seconds=1");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> record(name).getStatus() != null
                && record(name).getStatus().getPhase() == BackupPhase.Completed);
    }

    /** A PanStackRestore of the stack "bi", its source set by the caller. */
    void createRestore(String name, java.util.function.Consumer<PanStackRestoreSpec> source) {
        PanStackRestore restore = new PanStackRestore();
        restore.getMetadata().setName(name);
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack("bi");
        source.accept(spec);
        restore.setSpec(spec);
        client.resources(PanStackRestore.class).inNamespace(cluster.namespace).resource(restore).create();
    }

    List<String> keys(String bucket) {
        return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
    }

    @Test
    void backupTimesComeFromRdsSnapshotsAndAwsBackupRecoveryPoints() {
        cluster.create(manifest("Retain") + "  backup: {}\n");
        cluster.awaitCondition("bi", "DatabaseReady", "True");
        cluster.awaitCondition("bi", "FilesReady", "True");
        PanStack stack = cluster.get("bi");
        String id = stack.getStatus().getDatabase().getInstanceId();
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier(id).dbSnapshotIdentifier(id + "-by-hand"));
        String fsArn = efs.describeFileSystems(r -> r.fileSystemId(stack.getStatus().getFiles().getFileSystemId()))
                .fileSystems().get(0).fileSystemArn();
        TestAwsServices.BACKUPS.recoveryPoint(fsArn, java.time.Instant.parse("2026-11-21T06:00:00Z"));

        cluster.edit("bi", s -> s.getSpec().getRenderer().setReplicas(2)); // a pass now, not at the next poll
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStack current = cluster.get("bi");
            assertThat(current.getStatus().getBackup().getLastSnapshotTime()).isNotNull();
            assertThat(current.getStatus().getFiles().getLastRecoveryPointTime()).isEqualTo("2026-11-21T06:00:00Z");
        });
        // RDS's kind is covered (by point-in-time recovery or the snapshot); the logical dumps have not run yet.
        assertThat(condition(cluster.get("bi"), "BackupHealthy").getReason()).isEqualTo("FirstBackupPending");
        assertThat(condition(cluster.get("bi"), "BackupHealthy").getMessage()).as("the RDS kind counts").contains("RDS");
    }

    /**
     * AWS (and moto) move the latest restorable time on every read: status keeps the one it shows until it is an hour
     * behind, so an idle RDS stack does not rewrite its status every poll; the metric carries each read.
     */
    @Test
    void theLatestRestorableTimeMovesTheMetricNotStatus() {
        PanStack before = bringUp("Retain");
        String shown = before.getStatus().getDatabase().getLatestRestorableTime();
        assertThat(shown).isNotNull();

        cluster.edit("bi", s -> s.getSpec().getRenderer().setReplicas(2)); // a pass that reads RDS again
        java.util.function.DoubleSupplier metric = () -> registry.find("panstack_latest_restorable_timestamp_seconds")
                .tags("namespace", cluster.namespace, "name", "bi").gauge().value();
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(cluster.get("bi").getStatus().getObservedGeneration()).isEqualTo(before.getMetadata().getGeneration() + 1);
            assertThat(metric.getAsDouble()).as("the metric shows the newer read")
                    .isGreaterThan(java.time.Instant.parse(shown).getEpochSecond());
        });
        assertThat(cluster.get("bi").getStatus().getDatabase().getLatestRestorableTime()).isEqualTo(shown);
    }

    /** What a real cluster showed: moto's AWS Backup answers 404, which once stalled the whole stack. */
    @Test
    void whenAwsBackupCannotBeReadTheStackStillComesUpAndStatusSaysWhy() {
        TestAwsServices.backupsAsMotoAnswers = true;

        PanStack stack = bringUp("Retain");

        assertThat(condition(stack, "Stalled").getStatus()).isEqualTo("False");
        assertThat(condition(stack, "Ready").getStatus()).isEqualTo("True");
        assertThat(stack.getStatus().getFiles().getLastRecoveryPointTime()).isNull();
        assertThat(stack.getStatus().getFiles().getLastRecoveryPointError()).startsWith("backup: HTTP 404");
        String series = "panstack_aws_observation_failing{name=\"bi\",namespace=\"" + cluster.namespace
                + "\",observation=\"files_recovery_points\"} 1.0";
        await().atMost(ClusterFixture.TIMEOUT).until(() -> io.restassured.RestAssured.get("/q/metrics").asString()
                .contains(series));
    }

    @Test
    void aSnapshotListingDeniedByIamHoldsNothingAndClearsWhenAllowedAgain() {
        TestAwsServices.HTTP.failOperation("rds", "DescribeDBSnapshots", Fault.ACCESS_DENIED);
        cluster.create(manifest("Retain") + "  backup: {}\n");

        cluster.awaitObject(Deployment.class, "bi-dashboard");
        cluster.runControllersUntilReady("bi");
        PanStack stack = cluster.get("bi");
        assertThat(condition(stack, "Stalled").getStatus()).isEqualTo("False");
        assertThat(condition(stack, "DatabaseReady").getStatus()).isEqualTo("True");
        assertThat(stack.getStatus().getBackup().getLastSnapshotError()).contains("AccessDenied");

        TestAwsServices.HTTP.passAll();
        String id = stack.getStatus().getDatabase().getInstanceId();
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier(id).dbSnapshotIdentifier(id + "-after-iam-fix"));
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStack current = cluster.get("bi");
            assertThat(current.getStatus().getBackup().getLastSnapshotError()).isNull();
            assertThat(current.getStatus().getBackup().getLastSnapshotTime()).isNotNull();
        });
    }

    @Test
    void aStackRestoredFromAnRdsSnapshotStartsPiOnItWithItsOwnPassword() {
        PanStack source = bringUp("Retain");
        String id = source.getStatus().getDatabase().getInstanceId();
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier(id).dbSnapshotIdentifier(id + "-to-restore"));
        // A snapshot is restored within its own namespace (see TenancyMotoTest for another namespace's).
        cluster.create(manifest("Retain").replace("  name: bi\n", "  name: bi-restored\n")
                .replace("    rds:\n", "    restoreFrom: {rdsSnapshotId: " + id + "-to-restore}\n    rds:\n"));

        cluster.awaitObject(Deployment.class, "bi-restored-dashboard");
        cluster.runControllersUntilReady("bi-restored");
        PanStack restored = cluster.get("bi-restored");
        assertThat(restored.getStatus().getDatabase().getMode()).isEqualTo(io.panstack.operator.api.v1alpha1.DatabaseMode.Rds);
        assertThat(restored.getStatus().getDatabase().getInstanceId()).isNotEqualTo(id).isNotNull();
        assertThat(restored.getStatus().getDatabase().getRestoredAt()).isNotNull();
        assertThat(CloudTags.rds(instance(restored))).containsEntry(AwsTags.MASTER_PASSWORD_SET, "true");
        assertThat(client.v1().events().inNamespace(cluster.namespace).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RestoreFinished"));
    }

    @Test
    void anUpgradeOfAnRdsStackWithoutLogicalBackupsWaitsForAnRdsSnapshot() {
        PanStack before = bringUp("Retain");

        cluster.edit("bi", s -> {
            s.getSpec().getBackup().setEnabled(false);
            s.getSpec().setVersion("2026_01");
        });

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.image("bi-dashboard").endsWith(":2026_01"));
        String snapshot = before.getStatus().getDatabase().getInstanceId() + "-pre-upgrade-";
        assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(before.getStatus().getDatabase().getInstanceId()))
                .dbSnapshots()).anySatisfy(s -> assertThat(s.dbSnapshotIdentifier()).startsWith(snapshot));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> client.v1().events().inNamespace(cluster.namespace).list()
                .getItems().stream().anyMatch(e -> "SafetyBackupTaken".equals(e.getReason())));
    }

    @Test
    void aPreUpgradeSnapshotAwsRefusesHoldsTheUpgradeOnlyAndGoesOnOnceAllowed() {
        bringUp("Retain");
        TestAwsServices.HTTP.failOperation("rds", "DescribeDBSnapshots", Fault.ACCESS_DENIED);

        cluster.edit("bi", s -> {
            s.getSpec().getBackup().setEnabled(false);
            s.getSpec().setVersion("2026_01");
            s.getSpec().getRenderer().setReplicas(2);
        });

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            PanStack stack = cluster.get("bi");
            assertThat(condition(stack, "Reconciling").getReason()).isEqualTo("WaitingForSafetyBackup");
            assertThat(condition(stack, "Reconciling").getMessage()).contains("AccessDenied");
            assertThat(condition(stack, "Stalled").getStatus()).isEqualTo("False");
            assertThat(cluster.find(Deployment.class, "bi-renderer").orElseThrow().getSpec().getReplicas())
                    .as("other changes still reach the workloads").isEqualTo(2);
        });
        assertThat(cluster.image("bi-dashboard")).as("the running release stays").endsWith(":2025_10.1");

        TestAwsServices.HTTP.passAll();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.image("bi-dashboard").endsWith(":2026_01"));
    }

    @Test
    void specChangesReachRds() {
        bringUp("Retain");

        cluster.edit("bi", s -> s.getSpec().getDatabase().getRds().setInstanceClass("db.r6g.large"));

        await().atMost(ClusterFixture.TIMEOUT).until(() -> "db.r6g.large".equals(instance(cluster.get("bi")).dbInstanceClass()));
    }

    /**
     * Static stability: while AWS cannot be asked, the stack goes on with what AWS last showed. A change that needs
     * nothing new from AWS reaches the workloads; the database keeps its last verdict; status says AWS is retried.
     */
    @Test
    void whenAwsIsUnreachableTheStackGoesOnWithWhatAwsLastShowedAndStatusSaysWhy() {
        bringUp("Retain");
        Deployment before = cluster.find(Deployment.class, "bi-dashboard").orElseThrow();

        TestAwsServices.HTTP.failAll(Fault.CONNECTION_RESET);
        cluster.edit("bi", s -> s.getSpec().getRenderer().setReplicas(3));

        await().atMost(ClusterFixture.TIMEOUT)
                .until(() -> cluster.find(Deployment.class, "bi-renderer").orElseThrow().getSpec().getReplicas() == 3);
        cluster.awaitCondition("bi", "Reconciling", "True");
        PanStack stack = cluster.get("bi");
        assertThat(TestAwsServices.HTTP.injected()).as("AWS was asked, and failed").isPositive();
        assertThat(condition(stack, "Reconciling").getReason()).isEqualTo("ReconcileError");
        assertThat(condition(stack, "Reconciling").getMessage()).containsIgnoringCase("connection");
        assertThat(condition(stack, "DatabaseReady").getStatus()).as("last known").isEqualTo("True");
        assertThat(condition(stack, "Stalled").getStatus()).isEqualTo("False");
        assertThat(cluster.find(Deployment.class, "bi-dashboard").orElseThrow().getMetadata().getResourceVersion())
                .as("what the change does not touch is left exactly as it is")
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(cluster.find(Deployment.class, "bi-dashboard").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv()).as("Pi still points at the RDS instance")
                .anySatisfy(env -> assertThat(env.getValue()).isEqualTo(stack.getStatus().getDatabase().getHost()));

        TestAwsServices.HTTP.passAll();
        await().atMost(ClusterFixture.TIMEOUT)
                .until(() -> !"ReconcileError".equals(condition(cluster.get("bi"), "Reconciling").getReason()));
    }

    @Test
    void aStackStaysInTheRegionItsResourcesAreIn() {
        PanStack stack = bringUp("Retain");
        assertThat(stack.getStatus().getAwsRegion()).isEqualTo("eu-west-1");
        String id = stack.getStatus().getDatabase().getInstanceId();

        // Removing spec.aws, a changed AWS_REGION or a new spec.aws.region all resolve to another region.
        cluster.edit("bi", s -> s.getSpec().getAws().setRegion("eu-west-2"));
        cluster.awaitCondition("bi", "Stalled", "True");

        PanStack moved = cluster.get("bi");
        assertThat(condition(moved, "Stalled").getReason()).isEqualTo("AwsRegionChanged");
        assertThat(condition(moved, "Stalled").getMessage()).contains("set spec.aws.region to eu-west-1");
        RdsClient west2 = RdsClient.builder().endpointOverride(java.net.URI.create(System.getProperty("aws.endpointUrl")))
                .region(software.amazon.awssdk.regions.Region.EU_WEST_2)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .build();
        assertThat(west2.describeDBInstances().dbInstances()).as("nothing new and empty in eu-west-2")
                .noneMatch(db -> db.dbInstanceIdentifier().equals(id));
        assertThat(moved.getStatus().getAwsRegion()).isEqualTo("eu-west-1");
        assertThat(moved.getStatus().getDatabase().getInstanceId()).isEqualTo(id);
        assertThat(cluster.find(Deployment.class, "bi-dashboard")).as("Pi keeps running where it ran").isPresent();

        cluster.edit("bi", s -> s.getSpec().getAws().setRegion("eu-west-1"));
        cluster.awaitCondition("bi", "Stalled", "False");
    }

    @Test
    void invalidInputForAwsStallsWithoutARetryStorm() {
        // Subnets that do not exist: AWS (and moto) refuse the DB subnet group.
        String subnets = "subnetIds: [" + String.join(", ", network.subnetIds()) + "]";
        String bad = manifest("Retain").replaceFirst(java.util.regex.Pattern.quote(subnets),
                "subnetIds: [subnet-0000dead, subnet-0000beef]");
        assertThat(bad).contains("subnet-0000dead");
        cluster.create(bad);

        cluster.awaitCondition("bi", "Stalled", "True");
        PanStack stack = cluster.get("bi");
        assertThat(condition(stack, "Stalled").getReason()).isEqualTo("AwsRequestRejected");
        sleep(1_000); // the burst of events from creating the stack's claims settles
        double rejected = rejectedSubnetGroups();
        assertThat(rejected).as("the refused call is counted in panstack_aws_requests_total").isBetween(1.0, 2.0);
        sleep(3_000);
        assertThat(rejectedSubnetGroups()).as("not asked again while the spec stays the same").isEqualTo(rejected);
        assertThat(cluster.list(Deployment.class)).isEmpty();
    }

    @Test
    void deleteRemovesEverythingInAwsBeforeThePanStackGoes() {
        PanStack stack = bringUp("Delete");
        String id = stack.getStatus().getDatabase().getInstanceId();
        String fileSystem = stack.getStatus().getFiles().getFileSystemId();

        client.resource(stack).delete();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("bi") == null);

        assertThat(rds.describeDBInstancesPaginator().dbInstances()).noneMatch(db -> db.dbInstanceIdentifier().equals(id));
        assertThat(efs.describeFileSystemsPaginator().fileSystems()).noneMatch(fs -> fs.fileSystemId().equals(fileSystem));
        assertThat(client.persistentVolumes().withName(AwsNames.filesPersistentVolume(Stack.of(stack))).get()).isNull();
        assertThat(events()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("AwsResourcesReleased"));
    }

    @Test
    void retainKeepsAwsResourcesAndSaysWhichInTheLastEvent() {
        PanStack stack = bringUp("Retain");
        String id = stack.getStatus().getDatabase().getInstanceId();

        client.resource(stack).delete();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("bi") == null);

        DBInstance db = rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
        assertThat(CloudTags.rds(db)).doesNotContainKeys(AwsTags.MANAGED_BY, AwsTags.UID);
        assertThat(events()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("AwsResourcesReleased");
            assertThat(e.getMessage()).contains("RDS instance " + id).contains(stack.getStatus().getFiles().getFileSystemId())
                    .contains(stack.getStatus().getBucket().getName());
        });
    }

    static io.fabric8.kubernetes.api.model.Condition condition(PanStack stack, String type) {
        return stack.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    double rejectedSubnetGroups() {
        var counter = registry.find("panstack.aws.requests").tags("service", "rds", "operation", "CreateDBSubnetGroup",
                "outcome", "rejected").counter();
        return counter == null ? 0 : counter.count();
    }

    List<Event> events() {
        return client.v1().events().inNamespace(cluster.namespace).list().getItems();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tags of AWS resources as maps. */
    static final class CloudTags {
        static Map<String, String> rds(DBInstance db) {
            return db.tagList().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value()));
        }
    }
}
