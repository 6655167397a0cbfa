package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.Phase;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/** Scheduled and on-demand backups, their timestamps in status, BackupHealthy and the events. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class BackupReconcilerTest {
    static final String WITH_BACKUP = PanStackReconcilerTest.MINIMAL + """
              backup:
                schedule: "0 2 * * *"
                maxAge: 26h
            """;

    @Inject
    KubernetesClient client;

    @io.quarkus.test.kubernetes.client.KubernetesTestServer
    io.quarkus.test.kubernetes.client.KubernetesServer server;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    BackupStatus backup() {
        PanStack stack = cluster.get("demo");
        return stack.getStatus() == null ? null : stack.getStatus().getBackup();
    }

    /** What the Job controller reports for a finished backup run. */
    Job finishedRun(String name, boolean succeeded, Instant at) {
        Job job = BackupJobs.job(Stack.of(cluster.get("demo")), BackupJobs.Target.volume(), name);
        Job created = client.resource(job).create();
        created.setStatus(succeeded
                ? new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime(at.toString()).endStatus().build().getStatus()
                : new JobBuilder().withNewStatus().withFailed(2).addNewCondition().withType("Failed").withStatus("True")
                        .withLastTransitionTime(at.toString()).endCondition().endStatus().build().getStatus());
        return client.resource(created).updateStatus();
    }

    @Test
    void aScheduleMakesACronJobAVolumeAndBackupStatus() {
        cluster.create(WITH_BACKUP);
        cluster.bringUp("demo");

        CronJob cronJob = cluster.awaitObject(CronJob.class, "demo-backup");
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 2 * * *");
        assertThat(cronJob.getMetadata().getOwnerReferences()).isNotEmpty();
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getServiceAccountName())
                .as("the stack's own ServiceAccount, not the namespace's default").isEqualTo("demo-jobs");
        assertThat(cluster.awaitObject(io.fabric8.kubernetes.api.model.ServiceAccount.class, "demo-jobs")
                .getAutomountServiceAccountToken()).isFalse();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-backups")).isPresent();
        cluster.awaitCondition("demo", "BackupHealthy", "True");
        assertThat(cluster.condition("demo", "BackupHealthy").orElseThrow().getReason()).isEqualTo("FirstBackupPending");
        assertThat(backup().getLocation()).isEqualTo("pvc://demo-backups/");
        assertThat(Instant.parse(backup().getNextScheduledTime())).isAfter(Instant.now())
                .isBefore(Instant.now().plusSeconds(24 * 3600 + 60));
    }

    @Test
    void finishedRunsAreRecordedAndAFailureIsAnnounced() {
        cluster.create(WITH_BACKUP);
        cluster.bringUp("demo");
        cluster.awaitObject(CronJob.class, "demo-backup");
        Instant success = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        finishedRun("demo-backup-29000001", true, success);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> backup() != null && backup().getLastSuccessfulTime() != null);
        assertThat(backup().getLastSuccessfulTime()).isEqualTo(success.toString());
        cluster.awaitCondition("demo", "BackupHealthy", "True");
        assertThat(cluster.condition("demo", "BackupHealthy").orElseThrow().getReason()).isEqualTo("BackupFresh");

        Instant failure = success.plusSeconds(1800);
        finishedRun("demo-backup-29000002", false, failure);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> backup().getLastFailureTime() != null);
        assertThat(backup().getLastFailureTime()).isEqualTo(failure.toString());
        cluster.awaitCondition("demo", "BackupHealthy", "False");
        assertThat(cluster.condition("demo", "BackupHealthy").orElseThrow().getReason()).isEqualTo("BackupFailing");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> events().stream().anyMatch(e -> "BackupFailed".equals(e.getReason())));
    }

    @Test
    void aBackupOlderThanMaxAgeDegradesTheStack() {
        cluster.create(WITH_BACKUP.replace("maxAge: 26h", "maxAge: 1h"));
        cluster.bringUp("demo");
        cluster.awaitObject(CronJob.class, "demo-backup");

        finishedRun("demo-backup-29000003", true, Instant.now().minusSeconds(3 * 3600));

        cluster.awaitCondition("demo", "BackupHealthy", "False");
        PanStack stack = cluster.get("demo");
        assertThat(cluster.condition("demo", "BackupHealthy").orElseThrow().getMessage()).contains("Older than maxAge 1h: logical dumps")
                .contains("3h old");
        assertThat(stack.getStatus().getPhase()).isEqualTo(Phase.Degraded);
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getStatus()).as("Pi itself still serves").isEqualTo("True");
    }

    @Test
    void theBackupNowAnnotationStartsOneBackupPerValue() {
        cluster.create(WITH_BACKUP);
        cluster.bringUp("demo");

        annotate("before-upgrade-1");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> backup() != null
                && "before-upgrade-1".equals(backup().getLastOnDemandRequest()));
        List<Job> jobs = onDemandJobs();
        assertThat(jobs).singleElement().satisfies(job -> assertThat(job.getMetadata().getOwnerReferences()).isNotEmpty());
        await().atMost(ClusterFixture.TIMEOUT).until(() -> events().stream().anyMatch(e -> "BackupStarted".equals(e.getReason())));

        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2)); // another reconcile, same annotation
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getObservedGeneration() == 2);
        assertThat(onDemandJobs()).as("the same value never starts a second backup").hasSize(1);

        annotate("before-upgrade-2");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> onDemandJobs().size() == 2);
    }

    @Test
    void aStackWithoutABackupSectionIsBackedUpDaily() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");

        CronJob cronJob = cluster.awaitObject(CronJob.class, "demo-backup");
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 2 * * *");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-backups");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.condition("demo", "BackupHealthy")
                .map(c -> "FirstBackupPending".equals(c.getReason())).orElse(false));
    }

    @Test
    void turningBackupsOffRemovesTheScheduleKeepsTheBackupsAndSaysSo() {
        cluster.create(WITH_BACKUP);
        cluster.bringUp("demo");
        cluster.awaitObject(CronJob.class, "demo-backup");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-backups");

        cluster.edit("demo", s -> s.getSpec().getBackup().setEnabled(false));

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(CronJob.class, "demo-backup").isEmpty());
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-backups")).as("backups are data: kept").isPresent();
        cluster.awaitCondition("demo", "BackupHealthy", "False");
        assertThat(cluster.condition("demo", "BackupHealthy").orElseThrow().getReason()).isEqualTo("BackupsDisabled");
        assertThat(cluster.condition("demo", "BackupHealthy").orElseThrow().getMessage())
                .contains("spec.backup.enabled: false");
        assertThat(cluster.get("demo").getStatus().getPhase()).as("an explicit choice, not a degradation")
                .isEqualTo(Phase.Ready);
        assertThat(backup().getLocation()).as("the backups taken before are kept, and status still says where")
                .contains("demo-backups");
        assertThat(backup().getNextScheduledTime()).isNull();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> events().stream()
                .anyMatch(e -> "BackupsDisabled".equals(e.getReason()) && "Warning".equals(e.getType())));
    }

    @Test
    void aVersionChangeWaitsForItsSafetyBackupThenRolls() {
        cluster.create(WITH_BACKUP);
        cluster.bringUp("demo");

        cluster.edit("demo", s -> s.getSpec().setVersion("2024_08"));

        Job safety = await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.list(Job.class).stream()
                .filter(j -> j.getMetadata().getName().startsWith("demo-backup-pre-upgrade-")).findFirst(),
                java.util.Optional::isPresent).get();
        cluster.awaitCondition("demo", "Ready", "False");
        assertThat(cluster.condition("demo", "Reconciling").orElseThrow().getReason()).isEqualTo("WaitingForSafetyBackup");
        assertThat(cluster.condition("demo", "Reconciling").orElseThrow().getMessage())
                .contains("Pi 2023_11 keeps running until the backup before the upgrade to 2024_08 has finished");
        assertThat(cluster.image("demo-dashboard")).as("not rolled yet").endsWith(":2023_11");
        assertThat(cluster.image("demo-scheduler")).endsWith(":2023_11");

        safety.setStatus(new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime(Instant.now().toString())
                .endStatus().build().getStatus());
        client.resource(safety).updateStatus();

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.image("demo-dashboard").endsWith(":2024_08"));
        assertThat(backup().getLastSuccessfulTime()).as("the safety backup counts as a backup").isNotNull();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> events().stream().anyMatch(e -> "SafetyBackupTaken".equals(e.getReason())));
        assertThat(cluster.list(Job.class).stream().filter(j -> j.getMetadata().getName().startsWith("demo-backup-pre-upgrade-")))
                .as("one backup per upgrade").hasSize(1);
    }

    @Test
    void aSafetyBackupJobTheApiServerRefusesHoldsTheUpgradeOnly() {
        cluster.create(WITH_BACKUP);
        cluster.bringUp("demo");
        // A quota or an admission policy refusing the first attempts to create the Job.
        server.expect().post().withPath("/apis/batch/v1/namespaces/" + cluster.namespace + "/jobs")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("jobs.batch is forbidden: exceeded quota: compute").build()).times(2);

        cluster.edit("demo", s -> {
            s.getSpec().setVersion("2024_08");
            s.getSpec().getRenderer().setReplicas(2);
        });

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(cluster.condition("demo", "Reconciling").orElseThrow().getMessage()).contains("exceeded quota");
            assertThat(cluster.find(io.fabric8.kubernetes.api.model.apps.Deployment.class, "demo-renderer").orElseThrow()
                    .getSpec().getReplicas()).as("other changes go on").isEqualTo(2);
        });
        assertThat(cluster.image("demo-dashboard")).as("not rolled").endsWith(":2023_11");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.list(Job.class).stream()
                .anyMatch(j -> j.getMetadata().getName().startsWith("demo-backup-pre-upgrade-")));
    }

    @Test
    void aNewStackIsRestoredFromABackupBeforeTheDashboardStarts() {
        cluster.create(WITH_BACKUP + """
                  database:
                    restoreFrom:
                      backup: dashboard-20261120T020000Z.sql.gz
                """);
        cluster.markReady(cluster.awaitObject(io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "demo-mariadb"));

        Job restore = cluster.awaitObject(Job.class, "demo-restore");
        cluster.awaitCondition("demo", "Ready", "False");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> "WaitingForRestore".equals(
                cluster.condition("demo", "Reconciling").map(c -> c.getReason()).orElse("")));
        assertThat(cluster.condition("demo", "Reconciling").orElseThrow().getMessage())
                .contains("dashboard-20261120T020000Z.sql.gz");
        assertThat(cluster.find(io.fabric8.kubernetes.api.model.apps.Deployment.class, "demo-dashboard"))
                .as("the dashboard would create an empty repository").isEmpty();
        assertThat(restore.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim() != null
                        && "demo-backups".equals(v.getPersistentVolumeClaim().getClaimName())).isTrue());

        restore.setStatus(new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime("2026-11-21T08:30:00Z")
                .endStatus().build().getStatus());
        client.resource(restore).updateStatus();

        cluster.awaitObject(io.fabric8.kubernetes.api.model.apps.Deployment.class, "demo-dashboard");
        cluster.runControllersUntilReady("demo");
        assertThat(cluster.get("demo").getStatus().getDatabase().getRestoredAt()).isEqualTo("2026-11-21T08:30:00Z");
        assertThat(events()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RestoreFinished"));
    }

    @Test
    void aFailedRestoreKeepsTheDashboardFromStartingOnAnEmptyRepository() {
        cluster.create(WITH_BACKUP + """
                  database:
                    restoreFrom:
                      backup: dashboard-20261120T020000Z.sql.gz
                """);
        cluster.markReady(cluster.awaitObject(io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "demo-mariadb"));
        Job restore = cluster.awaitObject(Job.class, "demo-restore");

        restore.setStatus(new JobBuilder().withNewStatus().withFailed(1).addNewCondition().withType("Failed")
                .withStatus("True").withLastTransitionTime("2026-11-21T08:31:00Z").endCondition().endStatus().build()
                .getStatus());
        client.resource(restore).updateStatus();

        await().atMost(ClusterFixture.TIMEOUT).until(() -> "RestoreFailed".equals(
                cluster.condition("demo", "Ready").map(c -> c.getReason()).orElse("")));
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getMessage()).contains("kubectl logs job/demo-restore");
        assertThat(cluster.find(io.fabric8.kubernetes.api.model.apps.Deployment.class, "demo-dashboard")).isEmpty();
        assertThat(cluster.find(io.fabric8.kubernetes.api.model.apps.Deployment.class, "demo-scheduler")).isEmpty();
    }

    void annotate(String value) {
        cluster.edit("demo", stack -> stack.getMetadata().setAnnotations(Map.of(Backups.BACKUP_NOW, value)));
    }

    List<Job> onDemandJobs() {
        return cluster.list(Job.class).stream().filter(j -> j.getMetadata().getName().startsWith("demo-backup-now-")).toList();
    }

    List<Event> events() {
        return client.v1().events().inNamespace(cluster.namespace).list().getItems();
    }
}
