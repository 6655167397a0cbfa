package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.status.Readiness;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class BackupHealthTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration RPO = Duration.ofHours(26);
    static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aFreshBackupIsHealthyAndSaysHowOld() {
        Readiness<Void> health = BackupHealth.of(Map.of("logical", NOW.minusSeconds(3 * 3600)), null, RPO, CREATED, NOW);

        assertThat(health.ready()).isTrue();
        assertThat(health.reason()).isEqualTo("BackupFresh");
        assertThat(health.message()).contains("logical").contains("from 2026-11-21T09:00:00Z").contains("maxAge 26h");
    }

    @Test
    void aStaleBackupIsUnhealthyWithItsAge() {
        Readiness<Void> health = BackupHealth.of(Map.of("logical", NOW.minus(Duration.ofHours(30))), null, RPO, CREATED, NOW);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("BackupTooOld");
        assertThat(health.message()).contains("30h old: older than maxAge 26h");
    }

    @Test
    void aFailedRunAfterAFreshBackupIsStillHealthyButSaysSo() {
        Readiness<Void> health = BackupHealth.of(Map.of("logical", NOW.minusSeconds(20 * 3600)), NOW.minusSeconds(600),
                RPO, CREATED, NOW);

        assertThat(health.ready()).isTrue();
        assertThat(health.reason()).isEqualTo("LastBackupFailed");
        assertThat(health.message()).contains("the last backup run failed at 2026-11-21T11:50:00Z");
    }

    @Test
    void failuresOnlyAndOldEnoughToHaveOneIsUnhealthy() {
        Readiness<Void> health = BackupHealth.of(Map.of(), NOW.minusSeconds(600), RPO, CREATED, NOW);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("NoBackup");
        assertThat(health.message()).contains("failed");
    }

    @Test
    void neverRunIsFineUntilMaxAgeHasPassedSinceCreation() {
        assertThat(BackupHealth.of(Map.of(), null, RPO, NOW.minusSeconds(3600), NOW).reason()).isEqualTo("FirstBackupPending");
        assertThat(BackupHealth.of(Map.of(), null, RPO, NOW.minusSeconds(3600), NOW).ready()).isTrue();
        assertThat(BackupHealth.of(Map.of(), null, RPO, CREATED, NOW).ready()).isFalse();
    }

    @Test
    void theNewestKindCounts() {
        Readiness<Void> health = BackupHealth.of(Map.of("logical", NOW.minus(Duration.ofDays(3)),
                "snapshot", NOW.minusSeconds(3600)), null, RPO, CREATED, NOW);

        assertThat(health.ready()).isTrue();
        assertThat(health.message()).contains("snapshot");
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
