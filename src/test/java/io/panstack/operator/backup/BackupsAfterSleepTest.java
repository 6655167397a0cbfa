package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/** A scheduled backup that fell due while the stack slept is caught up on waking; one that did not, is not. */
@Tag(Tiers.UNIT)
class BackupsAfterSleepTest {
    static final String NIGHTLY = "0 2 * * *";

    @Test
    void aNightlyRunMissedOverTheWeekendIsCaughtUp() {
        // Last success Friday 02:00; asleep from Friday 19:00 to Monday 07:00.
        assertThat(Backups.missedSince(NIGHTLY, "2025-12-05T02:00:05Z", Instant.parse("2025-12-08T07:00:00Z"))).isTrue();
    }

    @Test
    void aRunMissedWithinTheLastHourIsLeftToTheCronJobWhichStartsItOnceUnsuspended() {
        assertThat(Backups.missedSince(NIGHTLY, "2025-12-04T02:00:05Z", Instant.parse("2025-12-05T02:40:00Z"))).isFalse();
        assertThat(Backups.missedSince(NIGHTLY, "2025-12-04T02:00:05Z", Instant.parse("2025-12-05T03:01:00Z"))).isTrue();
        assertThat(Backups.missedSince(NIGHTLY, "2025-12-04T02:00:05Z", Instant.parse("2025-12-05T02:57:00Z")))
                .as("close to the CronJob's deadline: taken, rather than risk neither taking it").isTrue();
    }

    @Test
    void noRunFellDueSinceTheLastSuccessSoNothingIsTaken() {
        // Asleep from 19:00 to 01:30: the 02:00 run is still ahead.
        assertThat(Backups.missedSince(NIGHTLY, "2025-12-04T02:00:05Z", Instant.parse("2025-12-05T01:30:00Z"))).isFalse();
    }

    @Test
    void withoutAnyBackupYetOrAScheduleItCannotReadNothingIsCaughtUp() {
        assertThat(Backups.missedSince(NIGHTLY, null, Instant.parse("2025-12-08T07:00:00Z"))).isFalse();
        assertThat(Backups.missedSince("not a schedule", "2025-12-05T02:00:05Z", Instant.parse("2025-12-08T07:00:00Z")))
                .isFalse();
    }
}
