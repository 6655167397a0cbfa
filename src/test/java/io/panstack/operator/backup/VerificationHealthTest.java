package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.BackupVerifySpec;
import io.panstack.operator.status.Readiness;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class VerificationHealthTest {
    /** Sundays at 04:00 UTC, the default. 2026-11-29 is a Sunday. */
    static final BackupVerifySpec WEEKLY = new BackupVerifySpec();
    static final Instant SUNDAY = Instant.parse("2026-11-29T04:05:00Z");

    static BackupStatus status(String lastBackup, String result, String at, String lastPassed) {
        BackupStatus status = new BackupStatus();
        status.setLastSuccessfulTime(lastBackup);
        status.setLastVerificationResult(result);
        status.setLastVerificationTime(at);
        status.setLastVerifiedTime(lastPassed);
        status.setLastVerificationBackup(result == null || result.equals("Error") ? null : "dashboard-20261129T020000Z.sql.gz");
        status.setLastVerificationMessage(result == null ? null : result.equals("Passed") ? "tables=6 rows=100"
                : "table mis_user has 1 rows after the restore, the dump held 2");
        return status;
    }

    @Test
    void aPassedVerificationIsTrueUntilTheNextOneIsOverdue() {
        BackupStatus passed = status("2026-11-29T02:01:00Z", "Passed", "2026-11-29T04:03:00Z", "2026-11-29T04:03:00Z");

        Readiness<Void> now = VerificationHealth.of(WEEKLY, passed, SUNDAY);
        assertThat(now.ready()).isTrue();
        assertThat(now.reason()).isEqualTo(VerificationHealth.VERIFIED);
        assertThat(now.message()).contains("dashboard-20261129T020000Z.sql.gz", "tables=6 rows=100");
        assertThat(VerificationHealth.of(WEEKLY, passed, Instant.parse("2026-12-06T09:59:00Z")).ready())
                .as("the next run (Dec 6 04:00) has 6 hours").isTrue();

        Readiness<Void> overdue = VerificationHealth.of(WEEKLY, passed, Instant.parse("2026-12-06T10:01:00Z"));
        assertThat(overdue.ready()).isFalse();
        assertThat(overdue.reason()).isEqualTo(VerificationHealth.OVERDUE);
        assertThat(overdue.message()).contains("2026-12-06T04:00:00Z");
    }

    @Test
    void aFailedVerificationIsFalseAndSaysWhy() {
        Readiness<Void> failed = VerificationHealth.of(WEEKLY,
                status("2026-11-29T02:01:00Z", "Failed", "2026-11-29T04:03:00Z", "2026-11-22T04:02:00Z"), SUNDAY);

        assertThat(failed.ready()).isFalse();
        assertThat(failed.reason()).isEqualTo(VerificationHealth.FAILED);
        assertThat(failed.message()).contains("dashboard-20261129T020000Z.sql.gz", "the dump held 2", "does not count as fresh");
    }

    @Test
    void aVerificationThatCouldNotRunIsFalseOnceThereIsABackup() {
        BackupStatus error = status("2026-11-29T02:01:00Z", "Error", "2026-11-29T04:03:00Z", null);
        assertThat(VerificationHealth.of(WEEKLY, error, SUNDAY).reason()).isEqualTo(VerificationHealth.ERROR);

        BackupStatus nothingYet = status(null, "Error", "2026-11-29T04:03:00Z", null);
        Readiness<Void> pending = VerificationHealth.of(WEEKLY, nothingYet, SUNDAY);
        assertThat(pending.ready()).as("no backup to verify yet is no failure").isTrue();
        assertThat(pending.reason()).isEqualTo(VerificationHealth.PENDING);
    }

    @Test
    void theFirstVerificationIsPendingUntilItIsDueAfterTheFirstBackup() {
        BackupStatus backedUp = status("2026-11-30T02:01:00Z", null, null, null);

        Readiness<Void> pending = VerificationHealth.of(WEEKLY, backedUp, Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(pending.ready()).isTrue();
        assertThat(pending.reason()).isEqualTo(VerificationHealth.PENDING);
        assertThat(pending.message()).contains("2026-12-06T04:00:00Z");
        assertThat(VerificationHealth.of(WEEKLY, backedUp, Instant.parse("2026-12-06T10:01:00Z")).reason())
                .isEqualTo(VerificationHealth.OVERDUE);
        assertThat(VerificationHealth.of(WEEKLY, new BackupStatus(), SUNDAY).ready()).as("no backup at all").isTrue();
    }

    @Test
    void switchedOffIsFalseAndSaysSo() {
        BackupVerifySpec off = new BackupVerifySpec();
        off.setEnabled(false);

        Readiness<Void> disabled = VerificationHealth.of(off, new BackupStatus(), SUNDAY);
        assertThat(disabled.ready()).isFalse();
        assertThat(disabled.reason()).isEqualTo(VerificationHealth.DISABLED);
    }
}
