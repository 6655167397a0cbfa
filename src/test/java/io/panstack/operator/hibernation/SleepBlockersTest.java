package io.panstack.operator.hibernation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.panstack.operator.testsupport.Tiers;

/** A Job holds the stack awake until the Job controller is done with it, not only while a pod runs. */
@Tag(Tiers.UNIT)
class SleepBlockersTest {

    static Job job(String condition) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("bi-backup-1").endMetadata();
        if (condition != null) {
            job.withNewStatus().addNewCondition().withType(condition).withStatus("True").endCondition().endStatus();
        }
        return job.build();
    }

    @Test
    void aJobJustCreatedOrBetweenRetriesHoldsTheStackAwakeAFinishedOneDoesNot() {
        assertThat(SleepBlockers.finished(job(null))).as("no status yet").isFalse();
        assertThat(SleepBlockers.finished(new JobBuilder(job(null)).withNewStatus().withActive(0).withFailed(1)
                .endStatus().build())).as("a failed pod, a retry to come").isFalse();
        assertThat(SleepBlockers.finished(job("Complete"))).isTrue();
        assertThat(SleepBlockers.finished(job("Failed"))).isTrue();
    }
}
