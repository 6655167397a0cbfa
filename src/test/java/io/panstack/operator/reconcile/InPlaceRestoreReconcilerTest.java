package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.backup.InPlaceRestores;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * A running stack restored in place, as a user sees it: the dashboard and scheduler scaled to zero, a safety backup,
 * the restore, Pi back; a failure put back starts Pi again, a partial one keeps it stopped until the PanStackRestore
 * is deleted; a restore asked for from elsewhere stops nothing. The Job controller and kubelet are played by the test
 * (restore.sh itself replaces and rolls back for real in BackupRestoreTest).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class InPlaceRestoreReconcilerTest {
    static final String FILE = "dashboard-20261129T020000Z.sql.gz";

    @Inject
    KubernetesClient client;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
    }

    @Test
    void aRestoreStopsPiBacksUpReplacesAndStartsPiAgain() {
        restore("to-sunday", FILE);

        awaitReplicas("demo-dashboard", 0);
        awaitReplicas("demo-scheduler", 0);
        assertThat(replicas("demo-renderer")).as("it does not use the repository").isEqualTo(1);
        cluster.awaitCondition("demo", "Ready", "False");
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getReason()).isEqualTo(InPlaceRestores.HOLD_REASON);
        Job safety = awaitJob("demo-safety-");
        finish(safety, true, "dump", "backup: file=/backup/dashboard-20261130T115900Z.sql.gz bytes=10 seconds=1 tables=6");

        Job apply = awaitJob("demo-restore-");
        assertThat(apply.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("RESTORE_REPLACE=true"))
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                        .isEqualTo("ROLLBACK_SOURCE=/backup/dashboard-20261130T115900Z.sql.gz"));
        assertThat(phase("to-sunday")).isEqualTo(RestorePhase.Restoring);
        assertThat(replicas("demo-dashboard")).isZero();
        finish(apply, true, "restore", "restore: result=Restored source=" + FILE + " tables=6");

        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("to-sunday") == RestorePhase.Completed);
        awaitReplicas("demo-dashboard", 1);
        awaitReplicas("demo-scheduler", 1);
        assertThat(record("to-sunday").getStatus().getSafetyBackup())
                .isEqualTo("pvc://demo-backups/dashboard-20261130T115900Z.sql.gz");
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            var events = client.v1().events().inNamespace(cluster.namespace).list().getItems();
            assertThat(events).as("each phase, on the PanStackRestore")
                    .filteredOn(e -> "PanStackRestore".equals(e.getInvolvedObject().getKind()))
                    .extracting(e -> e.getReason())
                    // (no pod runs here, so StoppingPi is over within the pass that starts the restore)
                    .contains("RestoreSafetyBackup", "RestoreRestoring", "RestoreCompleted");
            assertThat(events).as("its end, on the stack too")
                    .filteredOn(e -> "PanStack".equals(e.getInvolvedObject().getKind()))
                    .extracting(e -> e.getReason()).contains("RestoreCompleted");
        });
    }

    @Test
    void aPartialRestoreKeepsPiStoppedUntilThePanStackRestoreIsDeleted() {
        restore("half", FILE);
        finish(awaitJob("demo-safety-"), true, "dump",
                "backup: file=/backup/dashboard-20261130T115900Z.sql.gz bytes=10 seconds=1 tables=6");
        finish(awaitJob("demo-restore-"), false, "restore", "restore: result=Partial loading failed");

        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("half") == RestorePhase.Failed);
        assertThat(record("half").getStatus().getMessage()).contains("Pi stays stopped");
        assertThat(replicas("demo-dashboard")).isZero();

        client.resource(record("half")).delete();

        awaitReplicas("demo-dashboard", 1);
    }

    /** A restore asked for, then taken back before anything was changed: Pi starts again on its repository. */
    @Test
    void deletingARestoreBeforeItChangedAnythingStartsPiAgain() {
        restore("changed-my-mind", FILE);
        awaitReplicas("demo-dashboard", 0);

        client.resource(record("changed-my-mind")).delete();

        awaitReplicas("demo-dashboard", 1);
    }

    @Test
    void aBackupOfAnotherBucketIsRefusedAndNothingStops() {
        restore("theirs", "s3://another-tenants-bucket/backups/" + FILE);

        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("theirs") == RestorePhase.Failed);
        assertThat(record("theirs").getStatus().getMessage()).contains("nothing was stopped or changed");
        assertThat(replicas("demo-dashboard")).isEqualTo(1);
        assertThat(cluster.list(Job.class)).noneMatch(j -> j.getMetadata().getName().startsWith("demo-safety-"));
    }

    void restore(String name, String location) {
        PanStackRestore restore = new PanStackRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(cluster.namespace).build());
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack("demo");
        spec.setLocation(location);
        restore.setSpec(spec);
        client.resource(restore).create();
    }

    PanStackRestore record(String name) {
        return client.resources(PanStackRestore.class).inNamespace(cluster.namespace).withName(name).get();
    }

    RestorePhase phase(String name) {
        PanStackRestore restore = record(name);
        return restore == null || restore.getStatus() == null ? null : restore.getStatus().getPhase();
    }

    int replicas(String deployment) {
        return cluster.find(Deployment.class, deployment).orElseThrow().getSpec().getReplicas();
    }

    void awaitReplicas(String deployment, int replicas) {
        await().atMost(ClusterFixture.TIMEOUT).until(() -> replicas(deployment) == replicas);
    }

    Job awaitJob(String prefix) {
        return await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.list(Job.class).stream()
                .filter(j -> j.getMetadata().getName().startsWith(prefix)).findFirst(), Optional::isPresent).get();
    }

    void finish(Job job, boolean succeeded, String container, String line) {
        cluster.finishJob(job, succeeded, container, line);
    }
}
