package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.api.v1alpha1.Phase;

/** A stack being made is rechecked soon, then less often the longer it converges; others are not rechecked. */
class ConvergingRecheckIntervalTest {
    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    final ConvergingRecheck recheck = new ConvergingRecheck(Duration.ofSeconds(30));

    static PanStackStatus status(Phase phase, Duration notReadyFor) {
        PanStackStatus status = new PanStackStatus();
        status.setPhase(phase);
        status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("False")
                .withLastTransitionTime(NOW.minus(notReadyFor).toString()).build()));
        return status;
    }

    @Test
    void firstSoonThenHalfTheTimeSpentAtMostFiveMinutes() {
        assertThat(recheck.after(status(Phase.Provisioning, Duration.ofSeconds(5)), NOW)).hasSeconds(30);
        assertThat(recheck.after(status(Phase.Provisioning, Duration.ofMinutes(4)), NOW)).hasMinutes(2);
        assertThat(recheck.after(status(Phase.Provisioning, Duration.ofHours(3)), NOW)).hasMinutes(5);
        PanStackStatus first = new PanStackStatus();
        first.setPhase(Phase.Provisioning);
        assertThat(recheck.after(first, NOW)).as("no Ready condition yet").hasSeconds(30);
    }

    @Test
    void onlyAStackBeingMadeAndOnlyWhenTurnedOn() {
        for (Phase phase : List.of(Phase.Ready, Phase.Degraded, Phase.Failed, Phase.Suspended, Phase.Deleting)) {
            assertThat(recheck.after(status(phase, Duration.ofMinutes(1)), NOW)).as(phase.name()).isNull();
        }
        assertThat(recheck.after(null, NOW)).isNull();
        assertThat(new ConvergingRecheck(Duration.ZERO).after(status(Phase.Provisioning, Duration.ofMinutes(1)), NOW))
                .isNull();
        assertThat(new ConvergingRecheck(Duration.ofMinutes(10)).after(status(Phase.Provisioning, Duration.ofHours(1)),
                NOW)).as("a first interval longer than 5 minutes is the longest").hasMinutes(10);
    }
}
