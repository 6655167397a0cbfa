package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.backup.BackupHealth.Kind;
import io.panstack.operator.status.Readiness;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class BackupHealthTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration RPO = Duration.ofHours(26);
    static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    static Kind logical(Instant newest, Instant lastFailure) {
        return new Kind("logical dumps", newest, lastFailure, false);
    }

    static Kind pitr(Instant latestRestorable) {
        return new Kind("RDS point-in-time recovery", latestRestorable, null, true);
    }

    @Test
    void aFreshBackupIsHealthyAndSaysFromWhen() {
        Readiness<Void> health = BackupHealth.of(List.of(logical(NOW.minusSeconds(3 * 3600), null)), RPO, CREATED, NOW);

        assertThat(health.ready()).isTrue();
        assertThat(health.reason()).isEqualTo("BackupFresh");
        assertThat(health.message()).contains("logical dumps from 2026-11-21T09:00:00Z").contains("maxAge 26h");
    }

    @Test
    void aStaleBackupIsUnhealthyWithItsAge() {
        Readiness<Void> health = BackupHealth.of(List.of(logical(NOW.minus(Duration.ofHours(30)), null)), RPO, CREATED, NOW);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("BackupTooOld");
        assertThat(health.message()).contains("logical dumps").contains("30h old").contains("maxAge 26h");
    }

    @Test
    void aFailedRunAfterTheNewestBackupIsUnhealthyAndSaysWhen() {
        Readiness<Void> health = BackupHealth.of(List.of(logical(NOW.minusSeconds(20 * 3600), NOW.minusSeconds(600))),
                RPO, CREATED, NOW);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("BackupFailing");
        assertThat(health.message()).contains("logical dumps: the last run failed at 2026-11-21T11:50:00Z");
    }

    @Test
    void failuresOnlyAndOldEnoughToHaveOneIsUnhealthy() {
        Readiness<Void> health = BackupHealth.of(List.of(logical(null, NOW.minusSeconds(600))), RPO, CREATED, NOW);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("NoBackup");
        assertThat(health.message()).contains("failed");
    }

    @Test
    void neverRunIsFineUntilMaxAgeHasPassedSinceCreation() {
        List<Kind> none = List.of(logical(null, null));
        assertThat(BackupHealth.of(none, RPO, NOW.minusSeconds(3600), NOW).reason()).isEqualTo("FirstBackupPending");
        assertThat(BackupHealth.of(none, RPO, NOW.minusSeconds(3600), NOW).ready()).isTrue();
        assertThat(BackupHealth.of(none, RPO, CREATED, NOW).ready()).isFalse();
    }

    @Test
    void freshPointInTimeRecoveryDoesNotHideLogicalDumpsThatStopped() {
        Readiness<Void> health = BackupHealth.of(List.of(logical(NOW.minus(Duration.ofDays(21)), NOW.minusSeconds(3600)),
                pitr(NOW.minusSeconds(300))), RPO, CREATED, NOW);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("BackupTooOld");
        assertThat(health.message()).contains("logical dumps").doesNotContain("point-in-time");
    }

    @Test
    void everyKindFreshIsHealthyAndTheMessageStaysPutWhilePointInTimeRecoveryMoves() {
        Instant dump = NOW.minusSeconds(3600);
        Readiness<Void> now = BackupHealth.of(List.of(logical(dump, null), pitr(NOW.minusSeconds(300))), RPO, CREATED, NOW);
        Readiness<Void> later = BackupHealth.of(List.of(logical(dump, null), pitr(NOW.plusSeconds(300))), RPO, CREATED,
                NOW.plusSeconds(600));

        assertThat(now.ready()).isTrue();
        assertThat(now.message()).contains("logical dumps from").contains("RDS point-in-time recovery current");
        assertThat(later.message()).as("no status write just because the recovery window moved").isEqualTo(now.message());
    }

    @Test
    void maxAgeIsReadAsTheSpecWritesIt() {
        assertThat(BackupHealth.parse("26h")).contains(Duration.ofHours(26));
        assertThat(BackupHealth.parse("1d12h30m")).contains(Duration.ofMinutes(36 * 60 + 30));
        assertThat(BackupHealth.parse("0h")).isEmpty();
        assertThat(BackupHealth.parse("26 hours")).isEmpty();
        assertThat(BackupHealth.format(Duration.ofMinutes(36 * 60 + 30))).isEqualTo("36h30m");
        assertThat(BackupHealth.format(Duration.ofDays(3))).isEqualTo("3d");
    }
}
