package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.Phase;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.backup.Verifications;
import io.panstack.operator.backup.VerifyJobs;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * Verified backups as a user sees them: the weekly CronJob, what a finished verification puts into status, the
 * BackupVerified condition, events and metric, a failed one no longer counting as a fresh backup, and
 * panstack.io/verify-now. The Job controller and kubelet are played by the test (the Jobs and their pods' termination
 * messages); verify.sh itself runs for real in BackupRestoreTest.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class BackupVerificationReconcilerTest {
    static final String BACKUP = "dashboard-20261129T020000Z.sql.gz";

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    @Test
    void backupsAreVerifiedWeeklyUnlessSwitchedOff() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");

        CronJob verify = cluster.awaitObject(CronJob.class, "demo-verify");
        assertThat(verify.getSpec().getSchedule()).isEqualTo("0 4 * * 0");
        assertThat(verify.getMetadata().getLabels()).containsEntry(StackLabels.COMPONENT, VerifyJobs.COMPONENT);
        assertThat(verify.getMetadata().getOwnerReferences()).isNotEmpty();
        cluster.awaitCondition("demo", "BackupVerified", "True");
        assertThat(cluster.condition("demo", "BackupVerified").orElseThrow().getReason())
                .isEqualTo("FirstVerificationPending");

        cluster.edit("demo", s -> s.getSpec().getBackup().getVerify().setEnabled(false));

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(CronJob.class, "demo-verify").isEmpty());
        assertThat(cluster.find(CronJob.class, "demo-backup")).as("the backups go on").isPresent();
        cluster.awaitCondition("demo", "BackupVerified", "False");
        assertThat(cluster.condition("demo", "BackupVerified").orElseThrow().getReason()).isEqualTo("VerificationDisabled");
        assertThat(verifiedGauge()).as("a choice, not an alert").isNull();
    }

    @Test
    void aFailedVerificationMakesTheNewestBackupNoFreshBackup() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
        cluster.awaitObject(CronJob.class, "demo-verify");
        Instant backedUp = Instant.now().minusSeconds(3 * 3600).truncatedTo(ChronoUnit.SECONDS);
        finishedBackup("demo-backup-29000001", backedUp);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> "BackupFresh".equals(reason("BackupHealthy")));

        Instant passedAt = backedUp.plusSeconds(600);
        finishedVerification("demo-verify-29000001", true, passedAt, "verify: backup=" + BACKUP
                + " result=Passed tables=6 rows=15581 routines=2 triggers=1 views=1 seconds=41");

        await().atMost(ClusterFixture.TIMEOUT).until(() -> "Verified".equals(reason("BackupVerified")));
        assertThat(backup().getLastVerifiedTime()).isEqualTo(passedAt.toString());
        assertThat(backup().getLastVerificationResult()).isEqualTo("Passed");
        assertThat(backup().getLastVerificationBackup()).isEqualTo(BACKUP);
        assertThat(backup().getLastVerificationMessage()).startsWith("tables=6 rows=15581");
        assertThat(condition("BackupVerified").getMessage()).contains(BACKUP, "matched its manifest");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> verifiedGauge() != null && verifiedGauge() == 1.0);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> hasEvent("BackupVerified"));

        Instant failedAt = passedAt.plusSeconds(600);
        finishedVerification("demo-verify-29000002", false, failedAt, "verify: backup=" + BACKUP
                + " result=Failed table mis_user has 499 rows after the restore, the dump held 500");

        await().atMost(ClusterFixture.TIMEOUT).until(() -> "VerificationFailed".equals(reason("BackupVerified")));
        assertThat(backup().getLastVerifiedTime()).as("the last one that passed").isEqualTo(passedAt.toString());
        assertThat(backup().getLastVerificationResult()).isEqualTo("Failed");
        assertThat(condition("BackupVerified").getMessage()).contains("the dump held 500");
        cluster.awaitCondition("demo", "BackupHealthy", "False");
        assertThat(condition("BackupHealthy").getReason()).isEqualTo("BackupFailing");
        assertThat(condition("BackupHealthy").getMessage()).contains(BACKUP + ") failed verification");
        assertThat(cluster.get("demo").getStatus().getPhase()).isEqualTo(Phase.Degraded);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> verifiedGauge() == 0.0);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> hasEvent("BackupVerificationFailed"));

        // A backup taken after the failed verification is fresh again; it is not verified yet.
        finishedBackup("demo-backup-29000002", failedAt.plusSeconds(600));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> "BackupFresh".equals(reason("BackupHealthy")));
        assertThat(reason("BackupVerified")).isEqualTo("VerificationFailed");
    }

    /** The Job and its pod come through different watches: the pod's finding is announced whichever comes first. */
    @Test
    void aVerificationWhosePodReachesTheCacheAfterItsJobIsAnnouncedWithThePodsFinding() {
        podAfterItsJob("verify: backup=" + BACKUP + " result=Failed table mis_user has 499 rows after the restore,"
                + " the dump held 500", "Failed", "BackupVerificationFailed");
        assertThat(backup().getLastVerificationBackup()).isEqualTo(BACKUP);
    }

    /** A summary that names no backup (nothing to verify) replaces what the Job alone said too. */
    @Test
    void aVerificationThatFoundNoBackupIsRecordedAsSuchWhenItsPodComesLate() {
        podAfterItsJob("verify: result=NoBackup no backup of dashboard in the claim demo-backups", "NoBackup",
                "BackupVerificationNoBackup");
        assertThat(backup().getLastVerificationMessage()).startsWith("no backup of dashboard");
    }

    void podAfterItsJob(String summary, String result, String event) {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
        cluster.awaitObject(CronJob.class, "demo-verify");
        Instant failedAt = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);

        verificationJob("demo-verify-29000003", false, failedAt);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> backup() != null
                && "Error".equals(backup().getLastVerificationResult()));
        verificationPod("demo-verify-29000003", false, summary);

        await().atMost(ClusterFixture.TIMEOUT).until(() -> result.equals(backup().getLastVerificationResult()));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> hasEvent(event));
        assertThat(hasEvent("BackupVerificationError")).as("what was known first, said when it was known").isTrue();
    }

    @Test
    void theVerifyNowAnnotationStartsOneVerificationPerValue() {
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");

        annotate("drill-1");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> backup() != null && "drill-1".equals(backup().getLastVerifyRequest()));
        assertThat(verifyNowJobs()).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getLabels()).containsEntry(StackLabels.COMPONENT, VerifyJobs.COMPONENT);
            assertThat(job.getMetadata().getOwnerReferences()).isNotEmpty();
        });
        await().atMost(ClusterFixture.TIMEOUT).until(() -> hasEvent("VerificationStarted"));
        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2)); // another reconcile
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getObservedGeneration()
                == cluster.get("demo").getMetadata().getGeneration());
        assertThat(verifyNowJobs()).as("the same value never starts a second one").hasSize(1);

        annotate("drill-2");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> verifyNowJobs().size() == 2);
    }

    /** What the Job controller reports for a finished backup run. */
    void finishedBackup(String name, Instant at) {
        Job created = client.resource(BackupJobs.job(Stack.of(cluster.get("demo")), BackupJobs.Target.volume(), name))
                .create();
        created.setStatus(new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime(at.toString())
                .endStatus().build().getStatus());
        client.resource(created).updateStatus();
    }

    /** A finished verification Job, and its pod with the summary line as termination message. */
    void finishedVerification(String name, boolean passed, Instant at, String summary) {
        verificationPod(name, passed, summary);
        verificationJob(name, passed, at);
    }

    /** What the kubelet reports for a verification's pod: its phase and the summary line as termination message. */
    void verificationPod(String name, boolean passed, String summary) {
        Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(name + "-abcde")
                .withNamespace(cluster.namespace).withLabels(StackLabels.of("demo", VerifyJobs.COMPONENT))
                .addToLabels("job-name", name).endMetadata()
                .withNewSpec().addNewContainer().withName("verify").withImage("mariadb:10.11").endContainer().endSpec()
                .build()).create();
        pod.setStatus(new PodBuilder().withNewStatus().withPhase(passed ? "Succeeded" : "Failed")
                .addNewContainerStatus().withName("verify").withNewState().withNewTerminated()
                .withExitCode(passed ? 0 : 4).withMessage(summary + "\n").endTerminated().endState().endContainerStatus()
                .endStatus().build().getStatus());
        client.resource(pod).updateStatus();
    }

    /** What the Job controller reports for a finished verification run. */
    void verificationJob(String name, boolean passed, Instant at) {
        Job created = client.resource(VerifyJobs.job(Stack.of(cluster.get("demo")), BackupJobs.Target.volume(), name))
                .create();
        created.setStatus(passed
                ? new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime(at.toString()).endStatus().build().getStatus()
                : new JobBuilder().withNewStatus().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                        .withLastTransitionTime(at.toString()).endCondition().endStatus().build().getStatus());
        client.resource(created).updateStatus();
    }

    BackupStatus backup() {
        PanStack stack = cluster.get("demo");
        return stack.getStatus() == null ? null : stack.getStatus().getBackup();
    }

    io.fabric8.kubernetes.api.model.Condition condition(String type) {
        return cluster.condition("demo", type).orElseThrow();
    }

    String reason(String type) {
        return cluster.condition("demo", type).map(io.fabric8.kubernetes.api.model.Condition::getReason).orElse(null);
    }

    Double verifiedGauge() {
        Gauge gauge = registry.find("panstack_backup_verified").tags("namespace", cluster.namespace, "name", "demo").gauge();
        return gauge == null ? null : gauge.value();
    }

    void annotate(String value) {
        cluster.edit("demo", stack -> stack.getMetadata().setAnnotations(Map.of(Verifications.VERIFY_NOW, value)));
    }

    List<Job> verifyNowJobs() {
        return cluster.list(Job.class).stream().filter(j -> j.getMetadata().getName().startsWith("demo-verify-now-")).toList();
    }

    boolean hasEvent(String reason) {
        List<Event> events = client.v1().events().inNamespace(cluster.namespace).list().getItems();
        return events.stream().anyMatch(e -> reason.equals(e.getReason()));
    }
}
