package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupSpec;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.backup.BackupRecords;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * PanStackBackup as a user sees it: one created takes a backup and reports where it went; the operator's own backups
 * (here a scheduled run) are listed too; one naming a stack of another namespace reaches nothing.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class BackupRecordReconcilerTest {
    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    @Test
    void aPanStackBackupTakesABackupAndSaysWhereItIs() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");

        createRecord(cluster.namespace, "before-upgrade", "demo");

        Job job = await().atMost(ClusterFixture.TIMEOUT).until(() -> jobFor("before-upgrade"), Optional::isPresent).get();
        assertThat(job.getMetadata().getName()).startsWith("demo-backup-");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("PanStack"));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("before-upgrade") == BackupPhase.Running);
        assertThat(record("before-upgrade").getStatus().getOrigin()).isEqualTo("Requested");

        cluster.finishJob(job, true, "dump",
                "backup: file=/backup/dashboard-20261130T020000Z.sql.gz bytes=29753 seconds=2 tables=6");

        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("before-upgrade") == BackupPhase.Completed);
        PanStackBackup done = record("before-upgrade");
        assertThat(done.getStatus().getLocation()).isEqualTo("pvc://demo-backups/dashboard-20261130T020000Z.sql.gz");
        assertThat(done.getStatus().getSizeBytes()).isEqualTo(29753L);
        assertThat(done.getStatus().getCompletionTime()).isNotNull();
        assertThat(cluster.list(Job.class).stream().filter(j -> "before-upgrade"
                .equals(j.getMetadata().getLabels().get(BackupRecords.RECORD_LABEL)))).as("one Job").hasSize(1);

        // Finished: later passes never write it again.
        String version = done.getMetadata().getResourceVersion();
        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getObservedGeneration()
                .equals(cluster.get("demo").getMetadata().getGeneration()));
        assertThat(record("before-upgrade").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void aScheduledBackupIsListedToo() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
        Job scheduled = client.resource(BackupJobs.job(Stack.of(cluster.get("demo")), BackupJobs.Target.volume(),
                "demo-backup-29000001")).create();

        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("demo-backup-29000001") == BackupPhase.Running);
        PanStackBackup listed = record("demo-backup-29000001");
        assertThat(listed.getSpec().getStack()).isEqualTo("demo");
        assertThat(listed.getSpec().getJob()).isEqualTo("demo-backup-29000001");
        assertThat(listed.getStatus().getOrigin()).isEqualTo("Scheduled");

        cluster.finishJob(scheduled, true, "dump",
                "backup: file=/backup/dashboard-20261130T020000Z.sql.gz bytes=100 seconds=2 tables=6");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("demo-backup-29000001") == BackupPhase.Completed);
    }

    /** A backup is of a stack of its own namespace: naming one that exists only elsewhere starts nothing anywhere. */
    @Test
    void aPanStackBackupCannotReachAStackOfAnotherNamespace() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
        String other = "t-other-" + cluster.namespace.substring(2);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
                .create();

        createRecord(other, "steal", "demo");
        createRecord(cluster.namespace, "control", "demo"); // the control: in its own namespace it does start

        await().atMost(ClusterFixture.TIMEOUT).until(() -> jobFor("control").isPresent());
        assertThat(jobFor("steal")).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(other).list().getItems()).isEmpty();
        assertThat(client.resources(PanStackBackup.class).inNamespace(other).withName("steal").get().getStatus())
                .isNull();
    }

    /**
     * A Job the API server refuses (here a quota, for as long as it lasts) holds only itself: the outcome of another
     * record's finished Job is still recorded, the refused record waits as Pending, and the stack's changes land.
     */
    @Test
    void aRefusedJobHoldsNeitherTheOtherRecordsNorTheStack() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
        createRecord(cluster.namespace, "first", "demo");
        Job first = await().atMost(ClusterFixture.TIMEOUT).until(() -> jobFor("first"), Optional::isPresent).get();

        server.expect().post().withPath("/apis/batch/v1/namespaces/" + cluster.namespace + "/jobs")
                .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":"
                        + "\"Forbidden\",\"message\":\"jobs is forbidden: exceeded quota: jobs\",\"code\":403}")
                .always();
        createRecord(cluster.namespace, "second", "demo");
        cluster.finishJob(first, true, "dump",
                "backup: file=/backup/dashboard-20261130T020000Z.sql.gz bytes=29753 seconds=2 tables=6");
        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2));

        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("first") == BackupPhase.Completed);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> phase("second") == BackupPhase.Pending);
        assertThat(jobFor("second")).isEmpty();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(Deployment.class, "demo-renderer")
                .map(d -> Integer.valueOf(2).equals(d.getSpec().getReplicas())).orElse(false));
    }

    void createRecord(String namespace, String name, String stack) {
        PanStackBackup record = new PanStackBackup();
        record.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack(stack);
        record.setSpec(spec);
        client.resource(record).create();
    }

    PanStackBackup record(String name) {
        return client.resources(PanStackBackup.class).inNamespace(cluster.namespace).withName(name).get();
    }

    BackupPhase phase(String name) {
        PanStackBackup record = record(name);
        return record == null || record.getStatus() == null ? null : record.getStatus().getPhase();
    }

    Optional<Job> jobFor(String record) {
        return cluster.list(Job.class).stream()
                .filter(j -> record.equals(j.getMetadata().getLabels().get(BackupRecords.RECORD_LABEL))).findFirst();
    }

}
