package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.backup.Verifications.Outcome;
import io.panstack.operator.backup.Verifications.Result;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class VerificationsTest {
    static final Instant AT = Instant.parse("2026-11-29T04:03:00Z");

    static Job finished(String name, boolean succeeded, Instant at) {
        Job job = VerifyJobs.job(VerifyJobsTest.IN_CLUSTER, Target.volume(), name);
        job.setStatus(succeeded
                ? new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime(at.toString()).endStatus().build().getStatus()
                : new JobBuilder().withNewStatus().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                        .withLastTransitionTime(at.toString()).endCondition().endStatus().build().getStatus());
        return job;
    }

    static ContainerStatus terminated(String container, int exit, String message) {
        return new ContainerStatusBuilder().withName(container).withNewState().withNewTerminated().withExitCode(exit)
                .withMessage(message).endTerminated().endState().build();
    }

    static Pod pod(String job, List<ContainerStatus> init, ContainerStatus main) {
        return new PodBuilder().withNewMetadata().withName(job + "-x").addToLabels("job-name", job)
                .withCreationTimestamp(AT.toString()).endMetadata()
                .withNewStatus().withInitContainerStatuses(init)
                .withContainerStatuses(main == null ? List.of() : List.of(main)).endStatus().build();
    }

    @Test
    void aPassedVerificationIsReadFromItsSummaryLine() {
        Job job = finished("bi-verify-1", true, AT);
        Pod pod = pod("bi-verify-1", List.of(), terminated("verify", 0, "verify: backup=dashboard-20261129T020000Z.sql.gz"
                + " result=Passed tables=6 rows=15581 routines=2 triggers=1 views=1 seconds=40\n"));

        assertThat(Verifications.newest(List.of(job), List.of(pod))).contains(new Outcome(AT, Result.Passed,
                "dashboard-20261129T020000Z.sql.gz", "tables=6 rows=15581 routines=2 triggers=1 views=1 seconds=40",
                true));
    }

    @Test
    void aRejectedBackupIsAFailureAndAFailedDownloadAnError() {
        Job rejected = finished("bi-verify-2", false, AT);
        Pod rejectedPod = pod("bi-verify-2", List.of(), terminated("verify", 4,
                "verify: backup=dashboard-20261129T020000Z.sql.gz result=Failed table mis_user has 499 rows after the"
                        + " restore, the dump held 500"));
        assertThat(Verifications.newest(List.of(rejected), List.of(rejectedPod))).hasValueSatisfying(o -> {
            assertThat(o.result()).isEqualTo(Result.Failed);
            assertThat(o.backup()).isEqualTo("dashboard-20261129T020000Z.sql.gz");
            assertThat(o.message()).isEqualTo("table mis_user has 499 rows after the restore, the dump held 500");
        });

        Job noDownload = finished("bi-verify-3", false, AT);
        Pod noDownloadPod = pod("bi-verify-3", List.of(terminated("download", 1,
                "some earlier output\ndownload: cannot list s3://bi-bucket/backups/\n")), null);
        assertThat(Verifications.newest(List.of(noDownload), List.of(noDownloadPod))).hasValueSatisfying(o -> {
            assertThat(o.result()).isEqualTo(Result.Error);
            assertThat(o.backup()).isNull();
            assertThat(o.message()).isEqualTo("download: cannot list s3://bi-bucket/backups/");
        });
    }

    @Test
    void noBackupToVerifyIsToldApart() {
        Pod emptyBucket = pod("bi-verify-9", List.of(terminated("download", 1,
                "download: no backup of dashboard in s3://bi-bucket/backups/")), null);
        assertThat(Verifications.newest(List.of(finished("bi-verify-9", false, AT)), List.of(emptyBucket)))
                .hasValueSatisfying(o -> {
                    assertThat(o.result()).isEqualTo(Result.NoBackup);
                    assertThat(o.message()).isEqualTo("no backup of dashboard in s3://bi-bucket/backups/");
                });
        Pod emptyVolume = pod("bi-verify-10", List.of(), terminated("verify", 1,
                "verify: result=NoBackup no backup of dashboard in /backup"));
        assertThat(Verifications.newest(List.of(finished("bi-verify-10", false, AT)), List.of(emptyVolume)))
                .hasValueSatisfying(o -> assertThat(o.result()).isEqualTo(Result.NoBackup));
    }

    @Test
    void aFailedJobWithoutAPodStillCountsAndNamesItsLogs() {
        assertThat(Verifications.newest(List.of(finished("bi-verify-4", false, AT)), List.of()))
                .hasValueSatisfying(o -> {
                    assertThat(o.result()).isEqualTo(Result.Error);
                    assertThat(o.message()).contains("kubectl logs job/bi-verify-4");
                    assertThat(o.fromPod()).as("recorded again when its pod is seen").isFalse();
                });
    }

    /** A Job's outcome wins over its words: one that succeeded passed, one that failed did not. */
    @Test
    void theJobsOutcomeDecides() {
        Pod says = pod("bi-verify-5", List.of(), terminated("verify", 0, "verify: backup=x.sql.gz result=Passed tables=1"));
        assertThat(Verifications.newest(List.of(finished("bi-verify-5", false, AT)), List.of(says)))
                .hasValueSatisfying(o -> assertThat(o.result()).isEqualTo(Result.Error));
    }

    @Test
    void theNewestFinishedVerificationCountsAndOtherJobsAreIgnored() {
        Job older = finished("bi-verify-6", false, AT.minusSeconds(7 * 86400));
        Job newer = finished("bi-verify-7", true, AT);
        Job running = VerifyJobs.job(VerifyJobsTest.IN_CLUSTER, Target.volume(), "bi-verify-8");
        Job backup = BackupJobs.job(VerifyJobsTest.IN_CLUSTER, Target.volume(), "bi-backup-1");
        backup.setStatus(newer.getStatus());

        assertThat(Verifications.newest(List.of(older, running, backup, newer), List.of()))
                .hasValueSatisfying(o -> {
                    assertThat(o.at()).isEqualTo(AT);
                    assertThat(o.result()).isEqualTo(Result.Passed);
                });
        assertThat(Verifications.newest(List.of(running, backup), List.of())).isEmpty();
    }
}
