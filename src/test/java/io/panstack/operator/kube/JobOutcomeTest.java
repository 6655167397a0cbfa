package io.panstack.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.panstack.operator.kube.JobOutcome.State;
import io.panstack.operator.testsupport.Tiers;

/** One reading of a Job's outcome for backups, the restore and the seeding alike. */
@Tag(Tiers.UNIT)
class JobOutcomeTest {
    static Job job(Integer backoffLimit, JobStatus status) {
        return new JobBuilder().withNewMetadata().withName("j").withCreationTimestamp("2026-11-20T01:00:00Z").endMetadata()
                .withNewSpec().withBackoffLimit(backoffLimit).endSpec().withStatus(status).build();
    }

    @Test
    void aSucceededPodIsSuccessAtTheCompletionTime() {
        JobOutcome outcome = JobOutcome.of(job(1, new JobStatusBuilder().withSucceeded(1)
                .withCompletionTime("2026-11-20T01:02:03Z").build()));
        assertThat(outcome).isEqualTo(new JobOutcome(State.SUCCEEDED, Instant.parse("2026-11-20T01:02:03Z")));
    }

    @Test
    void theFailedConditionIsFailureAtItsTime() {
        JobOutcome outcome = JobOutcome.of(job(1, new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed")
                .withStatus("True").withLastTransitionTime("2026-11-20T01:05:00Z").endCondition().build()));
        assertThat(outcome).isEqualTo(new JobOutcome(State.FAILED, Instant.parse("2026-11-20T01:05:00Z")));
    }

    @Test
    void morePodFailuresThanTheBackOffLimitAllowsIsFailureEvenWithoutACondition() {
        assertThat(JobOutcome.of(job(2, new JobStatusBuilder().withFailed(3).build())).state()).isEqualTo(State.FAILED);
        assertThat(JobOutcome.of(job(2, new JobStatusBuilder().withFailed(2).withActive(1).build())).state())
                .as("retries left").isEqualTo(State.RUNNING);
        assertThat(JobOutcome.of(job(null, new JobStatusBuilder().withFailed(6).build())).state())
                .as("Kubernetes' default limit, 6").isEqualTo(State.RUNNING);
    }

    @Test
    void aSucceededPodBeforeKubernetesRecordsTheCompletionIsNotDoneYet() {
        assertThat(JobOutcome.of(job(1, new JobStatusBuilder().withSucceeded(1).build())).state())
                .isEqualTo(State.RUNNING);
        assertThat(JobOutcome.of(job(1, new JobStatusBuilder().withSucceeded(1).addNewCondition().withType("Complete")
                .withStatus("True").withLastTransitionTime("2026-11-20T01:03:00Z").endCondition().build())))
                .isEqualTo(new JobOutcome(State.SUCCEEDED, Instant.parse("2026-11-20T01:03:00Z")));
    }

    @Test
    void noStatusYetIsRunning() {
        assertThat(JobOutcome.of(job(1, null))).isEqualTo(new JobOutcome(State.RUNNING, null));
    }
}
