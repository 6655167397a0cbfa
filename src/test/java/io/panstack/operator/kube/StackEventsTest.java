package io.panstack.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/** Events of one stack never share a name, so none is refused as already there. */
@Tag(Tiers.UNIT)
class StackEventsTest {

    @Test
    void twoEventsInTheSameClockTickGetTwoNames() {
        Instant tick = Instant.parse("2026-12-01T09:30:00.123Z");
        long first = StackEvents.uniqueNanos(tick);
        long second = StackEvents.uniqueNanos(tick);

        assertThat(second).isGreaterThan(first);
        assertThat(StackEvents.uniqueNanos(tick.plusSeconds(3600))).as("the clock's time, when it moved on")
                .isEqualTo(tick.plusSeconds(3600).getEpochSecond() * 1_000_000_000L + 123_000_000L);
    }
}
