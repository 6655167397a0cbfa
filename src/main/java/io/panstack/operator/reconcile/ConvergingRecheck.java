package io.panstack.operator.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.fabric8.kubernetes.api.model.Condition;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.api.v1alpha1.Phase;
import io.panstack.operator.status.Conditions;

/**
 * When a stack still being made or rolled out (phase Provisioning) is looked at again although no event came, so a
 * child's status change that never reached the operator does not park it until the 10-minute resync. The first
 * recheck comes after {@code first}; then after half the time the stack has been converging, at most every 5
 * minutes: a lost event costs at most that, and a thousand stacks converging slowly cost a few rechecks each, not
 * one every 30 seconds. A recheck that finds nothing new writes nothing.
 */
final class ConvergingRecheck {
    static final Duration LONGEST = Duration.ofMinutes(5);

    private final Duration first;

    /** @param first PANSTACK_CONVERGING_RECHECK_INTERVAL; zero turns rechecks off */
    ConvergingRecheck(Duration first) {
        this.first = first;
    }

    /** The delay before the next recheck of a stack with this status, or null when it needs none. */
    Duration after(PanStackStatus status, Instant now) {
        if (first.isZero() || first.isNegative() || status == null || status.getPhase() != Phase.Provisioning) {
            return null;
        }
        Instant since = notReadySince(status);
        Duration half = since == null ? first : Duration.between(since, now).dividedBy(2);
        Duration longest = first.compareTo(LONGEST) > 0 ? first : LONGEST;
        return half.compareTo(first) < 0 ? first : half.compareTo(longest) > 0 ? longest : half;
    }

    /** When the Ready condition last changed (to False, for a stack that is Provisioning). */
    private static Instant notReadySince(PanStackStatus status) {
        try {
            return Conditions.find(status.getConditions(), Conditions.READY).map(Condition::getLastTransitionTime)
                    .map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
