package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/** Since when a stack is judged for having no backup: not from before it asked for backups. */
@Tag(Tiers.UNIT)
class BackupObservationsTest {
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    static final Duration MAX_AGE = Duration.ofHours(26);
    static final List<BackupHealth.Kind> NONE_YET = List.of(new BackupHealth.Kind("logical dumps", null, null, false));

    @Test
    void aStackMadeYearsAgoThatGetsBackupsByDefaultNowIsPendingNotMissing() {
        Instant created = Instant.parse("2020-01-01T00:00:00Z");
        Instant scheduledAnHourAgo = NOW.minus(Duration.ofHours(1));

        assertThat(BackupHealth.of(NONE_YET, MAX_AGE, BackupObservations.askedSince(created, scheduledAnHourAgo, NOW), NOW)
                .reason()).isEqualTo("FirstBackupPending");
        assertThat(BackupHealth.of(NONE_YET, MAX_AGE, BackupObservations.askedSince(created, null, NOW), NOW).reason())
                .as("the schedule not made yet").isEqualTo("FirstBackupPending");
    }

    @Test
    void aScheduleThatHadItsChanceAndMadeNothingIsNoBackup() {
        Instant created = Instant.parse("2020-01-01T00:00:00Z");
        Instant scheduledTwoDaysAgo = NOW.minus(Duration.ofDays(2));

        assertThat(BackupHealth.of(NONE_YET, MAX_AGE, BackupObservations.askedSince(created, scheduledTwoDaysAgo, NOW), NOW)
                .reason()).isEqualTo("NoBackup");
    }
}
