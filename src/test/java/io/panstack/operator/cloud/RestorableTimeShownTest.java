package io.panstack.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RestorableTimeShownTest {
    private static final String SHOWN = "2026-11-30T10:00:00Z";

    @Test
    void aMoveOfLessThanAnHourLeavesStatusAsItIs() {
        assertThat(RestorableTimeShown.of(SHOWN, Instant.parse("2026-11-30T10:05:00Z"))).isEqualTo(SHOWN);
        assertThat(RestorableTimeShown.of(SHOWN, Instant.parse("2026-11-30T10:59:59Z"))).isEqualTo(SHOWN);
    }

    @Test
    void anHourAheadIsShown() {
        assertThat(RestorableTimeShown.of(SHOWN, Instant.parse("2026-11-30T11:00:00Z")))
                .isEqualTo("2026-11-30T11:00:00Z");
    }

    @Test
    void aTimeThatWentBackIsShownAtOnce() {
        // A restored or replaced instance: the window really shrank, and a reader must see it.
        assertThat(RestorableTimeShown.of(SHOWN, Instant.parse("2026-11-30T09:59:00Z")))
                .isEqualTo("2026-11-30T09:59:00Z");
    }

    @Test
    void theFirstTimeIsShownAndAMissingOneClearsIt() {
        assertThat(RestorableTimeShown.of(null, Instant.parse("2026-11-30T10:05:00Z"))).isEqualTo("2026-11-30T10:05:00Z");
        assertThat(RestorableTimeShown.of(SHOWN, null)).isNull();
        assertThat(RestorableTimeShown.of(null, null)).isNull();
    }
}
