package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupSpec;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.backup.BackupRecords.Plan;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class BackupRecordsTest {
    static final Stack STACK = VerifyJobsTest.IN_CLUSTER;
    static final Target BUCKET = new Target("bi-bucket", "eu-west-1");
    static final Instant AT = Instant.parse("2026-11-30T02:01:00Z");

    /** A pass an hour after the Jobs finished. */
    static Plan plan(Stack stack, Target target, List<PanStackBackup> records, List<Job> jobs, List<Pod> pods) {
        return BackupRecords.plan(stack, target, records, jobs, pods, AT.plusSeconds(3600));
    }

    static PanStackBackup requested(String name) {
        PanStackBackup record = new PanStackBackup();
        record.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(STACK.namespace())
                .withUid("uid-of-" + name).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack(STACK.name());
        record.setSpec(spec);
        return record;
    }

    static Job finished(Job job, boolean succeeded) {
        job.setStatus(succeeded
                ? new JobBuilder().withNewStatus().withStartTime(AT.minusSeconds(60).toString()).withSucceeded(1)
                        .withCompletionTime(AT.toString()).endStatus().build().getStatus()
                : new JobBuilder().withNewStatus().withFailed(2).addNewCondition().withType("Failed").withStatus("True")
                        .withLastTransitionTime(AT.toString()).endCondition().endStatus().build().getStatus());
        return job;
    }

    @Test
    void aRequestedBackupStartsItsJobOnceTheTargetIsKnown() {
        PanStackBackup record = requested("before-upgrade");

        Plan waiting = plan(STACK, null, List.of(record), List.of(), List.of());
        assertThat(waiting.jobsToStart()).isEmpty();
        assertThat(waiting.statuses().get("before-upgrade").getPhase()).isEqualTo(BackupPhase.Pending);
        assertThat(waiting.statuses().get("before-upgrade").getMessage()).contains("bucket");

        Plan start = plan(STACK, BUCKET, List.of(record), List.of(), List.of());
        assertThat(start.jobsToStart()).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getName()).startsWith("bi-backup-").hasSizeLessThanOrEqualTo(63);
            assertThat(job.getMetadata().getLabels()).containsEntry(BackupRecords.RECORD_LABEL, "before-upgrade")
                    .containsEntry("app.kubernetes.io/component", "backup");
        });
        assertThat(start.statuses().get("before-upgrade").getOrigin()).isEqualTo("Requested");
        assertThat(start.recordsToCreate()).as("its own Job needs no second record").isEmpty();
    }

    @Test
    void withBackupsOffARequestFailsAndSaysWhy() {
        Stack off = TestStacks.withSpec("""
                version: '2025_10.1'
                backup: {enabled: false}
                """);
        Plan plan = plan(off, Target.volume(), List.of(requested("x")), List.of(), List.of());

        assertThat(plan.jobsToStart()).isEmpty();
        assertThat(plan.statuses().get("x").getPhase()).isEqualTo(BackupPhase.Failed);
        assertThat(plan.statuses().get("x").getMessage()).contains("spec.backup.enabled: false");
    }

    @Test
    void theOperatorsOwnBackupJobsGetARecordEach() {
        Job scheduled = BackupJobs.job(STACK, Target.volume(), "bi-backup-29412345");
        scheduled.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withKind("CronJob")
                .withName("bi-backup").build()));
        Job annotation = BackupJobs.job(STACK, Target.volume(), "bi-backup-now-1a2b3c4d");
        Job upgrade = BackupJobs.job(STACK, Target.volume(), "bi-backup-pre-upgrade-5e6f7a8b");
        Job verification = VerifyJobs.job(STACK, Target.volume(), "bi-verify-29412345");

        Plan plan = plan(STACK, Target.volume(), List.of(), List.of(scheduled, annotation, upgrade,
                verification), List.of());

        assertThat(plan.recordsToCreate()).extracting(r -> r.getMetadata().getName(), r -> r.getSpec().getJob())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bi-backup-29412345", "bi-backup-29412345"),
                        org.assertj.core.groups.Tuple.tuple("bi-backup-now-1a2b3c4d", "bi-backup-now-1a2b3c4d"),
                        org.assertj.core.groups.Tuple.tuple("bi-backup-pre-upgrade-5e6f7a8b", "bi-backup-pre-upgrade-5e6f7a8b"));
        assertThat(plan.recordsToCreate()).allSatisfy(r -> assertThat(r.getSpec().getStack()).isEqualTo("bi"));
        List<PanStackBackup> made = plan.recordsToCreate();
        assertThat(made.stream().map(r -> BackupRecords.origin(STACK, r)).toList())
                .containsExactlyInAnyOrder("Scheduled", "Annotation", "Upgrade");

        Plan again = plan(STACK, Target.volume(), made, List.of(scheduled, annotation, upgrade), List.of());
        assertThat(again.recordsToCreate()).as("once each").isEmpty();
    }

    @Test
    void aFinishedJobGivesWhereTheBackupIsAndItsSize() {
        PanStackBackup onVolume = requested("on-volume");
        String volumeJob = BackupRecords.jobName(STACK, onVolume);
        Job volume = finished(BackupJobs.job(STACK, Target.volume(), volumeJob), true);
        Pod volumePod = VerificationsTest.pod(volumeJob, List.of(), VerificationsTest.terminated("dump", 0,
                "backup: file=/backup/dashboard-20261130T020000Z.sql.gz bytes=29753 seconds=2 tables=6"));

        PanStackBackupStatus status = plan(STACK, Target.volume(), List.of(onVolume), List.of(volume),
                List.of(volumePod)).statuses().get("on-volume");
        assertThat(status.getPhase()).isEqualTo(BackupPhase.Completed);
        assertThat(status.getLocation()).isEqualTo("pvc://bi-backups/dashboard-20261130T020000Z.sql.gz");
        assertThat(status.getSizeBytes()).isEqualTo(29753L);
        assertThat(status.getCompletionTime()).isEqualTo(AT.toString());
        assertThat(status.getStartTime()).isEqualTo(AT.minusSeconds(60).toString());
        assertThat(status.getKind()).isEqualTo("Logical");

        PanStackBackup inBucket = requested("in-bucket");
        String s3Job = BackupRecords.jobName(STACK, inBucket);
        Job s3 = finished(BackupJobs.job(STACK, BUCKET, s3Job), true);
        Pod s3Pod = VerificationsTest.pod(s3Job, List.of(), VerificationsTest.terminated("upload", 0,
                "upload: s3://bi-bucket/backups/dashboard-20261130T020000Z.sql.gz bytes=29753"
                        + " copy=s3://dr/team-a/bi/dashboard-20261130T020000Z.sql.gz seconds=1"));
        PanStackBackupStatus fromS3 = plan(STACK, BUCKET, List.of(inBucket), List.of(s3), List.of(s3Pod))
                .statuses().get("in-bucket");
        assertThat(fromS3.getLocation()).isEqualTo("s3://bi-bucket/backups/dashboard-20261130T020000Z.sql.gz");
        assertThat(fromS3.getCopyLocation()).isEqualTo("s3://dr/team-a/bi/dashboard-20261130T020000Z.sql.gz");
    }

    @Test
    void aFailedJobIsAFailedBackupAndAFinishedRecordNeverChanges() {
        PanStackBackup record = requested("will-fail");
        String name = BackupRecords.jobName(STACK, record);
        Job failed = finished(BackupJobs.job(STACK, Target.volume(), name), false);
        Pod pod = VerificationsTest.pod(name, List.of(), VerificationsTest.terminated("dump", 1,
                "backup: mariadb-dump failed (exit 2); no backup written"));

        PanStackBackupStatus status = plan(STACK, Target.volume(), List.of(record), List.of(failed),
                List.of(pod)).statuses().get("will-fail");
        assertThat(status.getPhase()).isEqualTo(BackupPhase.Failed);
        assertThat(status.getMessage()).contains("mariadb-dump failed");

        record.setStatus(status);
        assertThat(plan(STACK, Target.volume(), List.of(record), List.of(failed), List.of(pod)).empty())
                .as("nothing to write: finished, and unchanged").isTrue();
    }

    /** The Job's completion may reach the cache before its pod's summary: the record waits for it, a while. */
    @Test
    void aFinishedJobWaitsForItsPodsSummaryBeforeTheRecordIsFinal() {
        PanStackBackup record = requested("early");
        Job done = finished(BackupJobs.job(STACK, Target.volume(), BackupRecords.jobName(STACK, record)), true);

        assertThat(BackupRecords.plan(STACK, Target.volume(), List.of(record), List.of(done), List.of(), AT.plusSeconds(10))
                .statuses().get("early").getPhase()).isEqualTo(BackupPhase.Running);
        PanStackBackupStatus late = BackupRecords.plan(STACK, Target.volume(), List.of(record), List.of(done), List.of(),
                AT.plus(BackupRecords.SUMMARY_GRACE).plusSeconds(1)).statuses().get("early");
        assertThat(late.getPhase()).as("no pod, ever: done without a location").isEqualTo(BackupPhase.Completed);
        assertThat(late.getLocation()).isNull();
    }

    /** A Job removed while it ran (kubectl delete job) is not started again behind the user's back. */
    @Test
    void aRemovedJobIsNotStartedAgain() {
        PanStackBackup record = requested("cancelled");
        PanStackBackupStatus running = new PanStackBackupStatus();
        running.setPhase(BackupPhase.Running);
        record.setStatus(running);

        Plan plan = plan(STACK, Target.volume(), List.of(record), List.of(), List.of());

        assertThat(plan.jobsToStart()).isEmpty();
        assertThat(plan.statuses().get("cancelled").getPhase()).isEqualTo(BackupPhase.Failed);
        assertThat(plan.statuses().get("cancelled").getMessage()).contains("was removed");
    }

    static PanStackBackup ownRecord(String job, java.time.Instant completed) {
        PanStackBackup record = new PanStackBackup();
        record.setMetadata(new ObjectMetaBuilder().withName(job).withNamespace(STACK.namespace())
                .withLabels(io.panstack.operator.stack.StackLabels.of(STACK.name(), BackupJobs.COMPONENT)).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack(STACK.name());
        spec.setJob(job);
        record.setSpec(spec);
        PanStackBackupStatus status = new PanStackBackupStatus();
        status.setPhase(BackupPhase.Completed);
        status.setCompletionTime(completed.toString());
        record.setStatus(status);
        return record;
    }

    /**
     * The list stays bounded as the backups do: the operator's own records past retention go (keepNewest 3,
     * retentionDays 14 by default), once their Job is gone; a user's never, a recent one never.
     */
    @Test
    void theOperatorsOwnRecordsGoPastRetentionOnceTheirJobIsGone() {
        java.time.Instant now = AT;
        List<PanStackBackup> records = new java.util.ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            records.add(ownRecord("bi-backup-" + (29000000 + day), now.minus(java.time.Duration.ofDays(21 - day))));
        }
        PanStackBackup users = requested("kept-forever");
        PanStackBackupStatus old = new PanStackBackupStatus();
        old.setPhase(BackupPhase.Completed);
        old.setCompletionTime(now.minus(java.time.Duration.ofDays(400)).toString());
        users.setStatus(old);
        records.add(users);
        Job stillThere = BackupJobs.job(STACK, Target.volume(), "bi-backup-29000001");

        List<String> doomed = BackupRecords.plan(STACK, Target.volume(), records, List.of(stillThere), List.of(), now)
                .recordsToDelete();

        // Days 1..6 are older than 14 days (completed 20..15 days ago); day 1's Job is still there.
        assertThat(doomed).containsExactlyInAnyOrder("bi-backup-29000002", "bi-backup-29000003", "bi-backup-29000004",
                "bi-backup-29000005", "bi-backup-29000006");
    }
}
