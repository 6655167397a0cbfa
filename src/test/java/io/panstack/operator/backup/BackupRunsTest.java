package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class BackupRunsTest {

    static Job succeeded(String at) {
        return new JobBuilder().withNewStatus().withSucceeded(1).withCompletionTime(at).endStatus().build();
    }

    static Job failed(String at) {
        return new JobBuilder().withNewStatus().withFailed(2).addNewCondition().withType("Failed").withStatus("True")
                .withLastTransitionTime(at).endCondition().endStatus().build();
    }

    static Job running() {
        return new JobBuilder().withNewStatus().withActive(1).endStatus().build();
    }

    @Test
    void newestSuccessAndNewestFailure() {
        BackupRuns.Outcome outcome = BackupRuns.of(List.of(succeeded("2026-11-19T02:01:00Z"), failed("2026-11-20T02:05:00Z"),
                succeeded("2026-11-21T02:01:30Z"), running(), failed("2026-11-18T02:00:00Z")));

        assertThat(outcome.lastSuccess()).isEqualTo(Instant.parse("2026-11-21T02:01:30Z"));
        assertThat(outcome.lastFailure()).isEqualTo(Instant.parse("2026-11-20T02:05:00Z"));
    }

    @Test
    void neverRunOrStillRunningHasNeither() {
        assertThat(BackupRuns.of(List.of())).isEqualTo(new BackupRuns.Outcome(null, null));
        assertThat(BackupRuns.of(List.of(running()))).isEqualTo(new BackupRuns.Outcome(null, null));
    }

    @Test
    void aRetriedPodIsNotAFailedBackupUntilTheJobGivesUp() {
        Job retrying = new JobBuilder().withNewStatus().withFailed(1).withActive(1).endStatus().build();

        assertThat(BackupRuns.of(List.of(retrying)).lastFailure()).isNull();
    }

    @Test
    void laterKeepsWhatPrunedJobsNoLongerShow() {
        Instant recorded = Instant.parse("2026-11-21T02:00:00Z");
        assertThat(BackupRuns.later(recorded, null)).isEqualTo(recorded);
        assertThat(BackupRuns.later(null, recorded)).isEqualTo(recorded);
        assertThat(BackupRuns.later(recorded, recorded.plusSeconds(1))).isEqualTo(recorded.plusSeconds(1));
    }
}
