package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupSpec;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.backup.InPlaceRestores.Plan;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class InPlaceRestoresTest {
    static final Stack STACK = VerifyJobsTest.IN_CLUSTER;
    static final Target BUCKET = new Target("bi-bucket", "eu-west-1");
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String FILE = "dashboard-20261129T020000Z.sql.gz";

    static PanStackRestore restore(String name, String location, String backup) {
        PanStackRestore restore = new PanStackRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(STACK.namespace()).withUid("uid-" + name)
                .withCreationTimestamp("2026-11-30T11:00:0" + name.length() + "Z").build());
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack(STACK.name());
        spec.setLocation(location);
        spec.setBackup(backup);
        restore.setSpec(spec);
        return restore;
    }

    static Plan plan(Target target, List<PanStackRestore> restores, List<PanStackBackup> records, List<Job> jobs,
            List<Pod> pods) {
        return InPlaceRestores.plan(STACK, target, restores, records, jobs, pods, NOW);
    }

    /** The plan's new status applied, as the next pass sees it. */
    static PanStackRestore after(PanStackRestore restore, Plan plan) {
        PanStackRestoreStatus status = plan.statuses().get(restore.getMetadata().getName());
        if (status != null) {
            restore.setStatus(status);
        }
        return restore;
    }

    static Pod pod(String component) {
        return new PodBuilder().withNewMetadata().withName("bi-" + component + "-x")
                .withLabels(StackLabels.of(STACK.name(), component)).endMetadata().build();
    }

    static Job done(Job job, boolean succeeded) {
        return BackupRecordsTest.finished(job, succeeded);
    }

    static Map<String, String> env(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void aRestoreStopsPiTakesASafetyBackupReplacesTheRepositoryAndStartsPiAgain() {
        PanStackRestore restore = restore("roll-back-to-sunday", FILE, null);

        Plan stopping = plan(Target.volume(), List.of(restore), List.of(), List.of(), List.of(pod("dashboard")));
        assertThat(stopping.stopPi()).isTrue();
        assertThat(stopping.hold().reason()).isEqualTo(InPlaceRestores.HOLD_REASON);
        assertThat(stopping.jobsToStart()).as("not while Pi still runs").isEmpty();
        assertThat(after(restore, stopping).getStatus().getPhase()).isEqualTo(RestorePhase.StoppingPi);
        assertThat(restore.getStatus().getSource()).isEqualTo(FILE);

        Plan safety = plan(Target.volume(), List.of(restore), List.of(), List.of(), List.of(pod("renderer")));
        assertThat(after(restore, safety).getStatus().getPhase()).isEqualTo(RestorePhase.SafetyBackup);
        Job safetyJob = done(safety.jobsToStart().get(0), true);
        assertThat(safetyJob.getMetadata().getName()).startsWith("bi-safety-");
        Pod safetyPod = VerificationsTest.pod(safetyJob.getMetadata().getName(), List.of(), VerificationsTest.terminated(
                "dump", 0, "backup: file=/backup/dashboard-20261130T115900Z.sql.gz bytes=10 seconds=1 tables=6"));

        Plan restoring = plan(Target.volume(), List.of(restore), List.of(), List.of(safetyJob), List.of(safetyPod));
        assertThat(after(restore, restoring).getStatus().getPhase()).isEqualTo(RestorePhase.Restoring);
        assertThat(restore.getStatus().getSafetyBackup()).isEqualTo("pvc://bi-backups/dashboard-20261130T115900Z.sql.gz");
        Job apply = restoring.jobsToStart().get(0);
        assertThat(env(apply)).containsEntry("RESTORE_REPLACE", "true").containsEntry("RESTORE_SOURCE", "/backup/" + FILE)
                .containsEntry("ROLLBACK_SOURCE", "/backup/dashboard-20261130T115900Z.sql.gz");
        assertThat(apply.getSpec().getBackoffLimit()).isZero();
        assertThat(restoring.stopPi()).isTrue();

        Job applied = done(apply, true);
        Pod appliedPod = VerificationsTest.pod(applied.getMetadata().getName(), List.of(),
                VerificationsTest.terminated("restore", 0, "restore: result=Restored source=" + FILE + " tables=6"));
        Plan completed = plan(Target.volume(), List.of(restore), List.of(), List.of(safetyJob, applied), List.of(appliedPod));
        assertThat(after(restore, completed).getStatus().getPhase()).isEqualTo(RestorePhase.Completed);
        assertThat(completed.stopPi()).isFalse();
        assertThat(completed.hold()).isNull();
    }

    @Test
    void aFailedReplacementThatWasPutBackStartsPiAgainAPartialOneKeepsItStopped() {
        for (String result : List.of("RolledBack", "Partial")) {
            PanStackRestore restore = restore("r", FILE, null);
            PanStackRestoreStatus restoring = new PanStackRestoreStatus();
            restoring.setPhase(RestorePhase.Restoring);
            restoring.setSource(FILE);
            restoring.setSafetyBackup("pvc://bi-backups/dashboard-20261130T115900Z.sql.gz");
            restoring.setPiStopped(true);
            restore.setStatus(restoring);
            Job failed = done(RestoreJob.inPlace(STACK, Target.volume(), FILE, restoring.getSafetyBackup(),
                    "bi-restore-" + io.panstack.operator.stack.ShortHash.of("uid-r")), false);
            Pod pod = VerificationsTest.pod(failed.getMetadata().getName(), List.of(),
                    VerificationsTest.terminated("restore", 5, "restore: result=" + result + " loading failed"));

            Plan plan = plan(Target.volume(), List.of(restore), List.of(), List.of(failed), List.of(pod));

            PanStackRestoreStatus status = after(restore, plan).getStatus();
            assertThat(status.getPhase()).as(result).isEqualTo(RestorePhase.Failed);
            boolean partial = result.equals("Partial");
            assertThat(plan.stopPi()).as(result).isEqualTo(partial);
            assertThat(status.getMessage()).contains(partial ? "Pi stays stopped" : "put back");
            if (partial) {
                assertThat(plan(Target.volume(), List.of(restore), List.of(), List.of(failed), List.of(pod)).stopPi())
                        .as("until the PanStackRestore is deleted").isTrue();
            }
        }
    }

    @Test
    void aFailedSafetyBackupRestoresNothingAndStartsPiAgain() {
        PanStackRestore restore = restore("r", FILE, null);
        after(restore, plan(Target.volume(), List.of(restore), List.of(), List.of(), List.of()));
        Plan started = plan(Target.volume(), List.of(restore), List.of(), List.of(), List.of());
        after(restore, started);
        Job safety = done(started.jobsToStart().isEmpty() ? null : started.jobsToStart().get(0), false);

        Plan plan = plan(Target.volume(), List.of(restore), List.of(), List.of(safety), List.of());

        assertThat(after(restore, plan).getStatus().getPhase()).isEqualTo(RestorePhase.Failed);
        assertThat(restore.getStatus().getMessage()).contains("nothing was restored");
        assertThat(plan.stopPi()).isFalse();
        assertThat(plan.jobsToStart()).isEmpty();
    }

    /** Only the stack's own backups: another bucket, another stack's backup, or one of another namespace are refused. */
    @Test
    void anotherBucketOrStackOrNamespaceIsRefusedAndNothingStops() {
        PanStackBackup otherStacks = new PanStackBackup();
        otherStacks.setMetadata(new ObjectMetaBuilder().withName("theirs").withNamespace(STACK.namespace()).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack("other");
        otherStacks.setSpec(spec);
        PanStackBackupStatus completed = new PanStackBackupStatus();
        completed.setPhase(BackupPhase.Completed);
        completed.setLocation("s3://bi-bucket/backups/" + FILE);
        otherStacks.setStatus(completed);

        Map<PanStackRestore, String> refused = Map.of(
                restore("a", "s3://another-tenants-bucket/backups/" + FILE, null), "Only this stack's own backups",
                restore("b", "s3://bi-bucket/themes/" + FILE, null), "Only this stack's own backups",
                restore("c", null, "theirs"), "is a backup of other, not of bi",
                restore("d", null, "in-another-namespace"), "There is no PanStackBackup in-another-namespace in this namespace",
                restore("e", FILE, null), "The stack keeps its backups in s3://bi-bucket/backups/");
        refused.forEach((restore, why) -> {
            Plan plan = plan(BUCKET, List.of(restore), List.of(otherStacks), List.of(), List.of(pod("dashboard")));
            assertThat(plan.stopPi()).as(why).isFalse();
            assertThat(plan.jobsToStart()).as(why).isEmpty();
            PanStackRestoreStatus status = plan.statuses().get(restore.getMetadata().getName());
            assertThat(status.getPhase()).as(why).isEqualTo(RestorePhase.Failed);
            assertThat(status.getMessage()).as(why).contains(why, "nothing was stopped or changed");
        });
    }

    @Test
    void oneRestoreAtATimeOldestFirst() {
        PanStackRestore first = restore("a", FILE, null);
        PanStackRestore second = restore("bb", FILE, null);

        Plan plan = plan(Target.volume(), List.of(second, first), List.of(), List.of(), List.of(pod("scheduler")));

        assertThat(plan.statuses().get("a").getPhase()).isEqualTo(RestorePhase.StoppingPi);
        assertThat(plan.statuses().get("bb").getPhase()).isEqualTo(RestorePhase.Pending);
        assertThat(plan.statuses().get("bb").getMessage()).contains("Waits for PanStackRestore a");
    }

    static PanStackRestore restoring(String name) {
        PanStackRestore restore = restore(name, FILE, null);
        PanStackRestoreStatus status = new PanStackRestoreStatus();
        status.setPhase(RestorePhase.Restoring);
        status.setSource(FILE);
        status.setSafetyBackup("pvc://bi-backups/dashboard-20261130T115900Z.sql.gz");
        status.setPiStopped(true);
        restore.setStatus(status);
        return restore;
    }

    /** Started once, never twice: a restore Job gone before its outcome was seen may have changed the repository. */
    @Test
    void aRestoreJobIsNeverStartedTwice() {
        PanStackRestore restore = restoring("once");
        Plan start = plan(Target.volume(), List.of(restore), List.of(), List.of(), List.of());
        assertThat(start.jobsToStart()).hasSize(1);
        after(restore, start);
        assertThat(restore.getStatus().getJob()).isEqualTo(start.jobsToStart().get(0).getMetadata().getName());

        Plan lagging = InPlaceRestores.plan(STACK, Target.volume(), List.of(restore), List.of(), List.of(), List.of(),
                NOW.plusSeconds(30));
        assertThat(lagging.jobsToStart()).as("the cache may lag").isEmpty();
        assertThat(lagging.statuses()).isEmpty();

        Plan removed = InPlaceRestores.plan(STACK, Target.volume(), List.of(restore), List.of(), List.of(), List.of(),
                NOW.plus(InPlaceRestores.CACHE_LAG).plusSeconds(1));
        assertThat(removed.jobsToStart()).isEmpty();
        assertThat(removed.stopPi()).isTrue();
        assertThat(removed.statuses().get("once").getMessage()).contains("was removed", "Pi stays stopped");
    }

    /** A download that failed: restore.sh never ran, the repository is as it was, Pi starts again. */
    @Test
    void aRestoreWhoseDownloadFailedChangedNothing() {
        PanStackRestore restore = restoring("no-download");
        after(restore, plan(BUCKET, List.of(restore), List.of(), List.of(), List.of()));
        Job failed = done(RestoreJob.inPlace(STACK, BUCKET, "s3://bi-bucket/backups/" + FILE,
                "s3://bi-bucket/backups/dashboard-20261130T115900Z.sql.gz", restore.getStatus().getJob()), false);
        Pod pod = VerificationsTest.pod(failed.getMetadata().getName(), List.of(VerificationsTest.terminated(
                "download-backup", 1, "download: cannot download s3://bi-bucket/backups/" + FILE)), null);

        Plan plan = plan(BUCKET, List.of(restore), List.of(), List.of(failed), List.of(pod));

        assertThat(after(restore, plan).getStatus().getPhase()).isEqualTo(RestorePhase.Failed);
        assertThat(restore.getStatus().getMessage()).contains("was not changed");
        assertThat(plan.stopPi()).isFalse();
    }

    /** After a partial failure the next restore goes back with the first one's safety backup, and Pi starts again. */
    @Test
    void aPartialRepositoryIsRestoredWithTheEarlierSafetyBackup() {
        PanStackRestore partial = restoring("first");
        partial.getStatus().setPhase(RestorePhase.Failed);
        partial.getStatus().setCompletionTime("2026-11-30T01:30:00Z"); // before the second one's Job ends
        PanStackRestore again = restore("second", "dashboard-20261130T115900Z.sql.gz", null);

        Plan plan = plan(Target.volume(), List.of(partial, again), List.of(), List.of(), List.of());

        assertThat(after(again, plan).getStatus().getPhase()).isEqualTo(RestorePhase.Restoring);
        assertThat(again.getStatus().getSafetyBackup()).as("no backup of a partial repository")
                .isEqualTo(partial.getStatus().getSafetyBackup());
        assertThat(plan.jobsToStart()).singleElement()
                .satisfies(job -> assertThat(job.getMetadata().getName()).startsWith("bi-restore-"));
        Job applied = done(plan.jobsToStart().get(0), true);
        Pod pod = VerificationsTest.pod(applied.getMetadata().getName(), List.of(),
                VerificationsTest.terminated("restore", 0, "restore: result=Restored tables=6"));
        Plan completed = InPlaceRestores.plan(STACK, Target.volume(), List.of(partial, again), List.of(), List.of(applied),
                List.of(pod), NOW.plusSeconds(60));
        assertThat(after(again, completed).getStatus().getPhase()).isEqualTo(RestorePhase.Completed);
        assertThat(completed.stopPi()).as("the earlier failure no longer stops Pi").isFalse();
    }

    @Test
    void theSafetyBackupPrunesNothingAndAnUnknownBucketWaits() {
        PanStackRestore restore = restore("r", "s3://bi-bucket/backups/" + FILE, null);
        Plan plan = plan(BUCKET, List.of(restore), List.of(), List.of(), List.of());
        assertThat(plan.jobsToStart()).singleElement().satisfies(job -> assertThat(
                job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv())
                .noneMatch(e -> e.getName().equals("RETENTION_DAYS") || e.getName().equals("KEEP_NEWEST")));
        after(restore, plan);

        Plan unknown = plan(null, List.of(restore), List.of(), List.of(), List.of());
        assertThat(unknown.jobsToStart()).isEmpty();
        assertThat(unknown.stopPi()).isTrue();
    }
}
