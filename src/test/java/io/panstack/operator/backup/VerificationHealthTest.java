package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

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
    /** When the verification CronJob was made. */
    static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");

    static BackupStatus status(String lastBackup, String result, String at, String lastPassed) {
        BackupStatus status = new BackupStatus();
        status.setLastSuccessfulTime(lastBackup);
        status.setLastVerificationResult(result);
        status.setLastVerificationTime(at);
        status.setLastVerifiedTime(lastPassed);
        status.setLastVerificationBackup(result == null || result.equals("Error") || result.equals("NoBackup") ? null : "dashboard-20261129T020000Z.sql.gz");
        status.setLastVerificationMessage(result == null ? null : result.equals("Passed") ? "tables=6 rows=100"
                : "table mis_user has 1 rows after the restore, the dump held 2");
        return status;
    }

    @Test
    void aPassedVerificationIsTrueUntilTheNextOneIsOverdue() {
        BackupStatus passed = status("2026-11-29T02:01:00Z", "Passed", "2026-11-29T04:03:00Z", "2026-11-29T04:03:00Z");

        Readiness<Void> now = VerificationHealth.of(WEEKLY, passed, SINCE, SUNDAY);
        assertThat(now.ready()).isTrue();
        assertThat(now.reason()).isEqualTo(VerificationHealth.VERIFIED);
        assertThat(now.message()).contains("dashboard-20261129T020000Z.sql.gz", "tables=6 rows=100");
        assertThat(VerificationHealth.of(WEEKLY, passed, SINCE, Instant.parse("2026-12-06T09:59:00Z")).ready())
                .as("the next run (Dec 6 04:00) has 6 hours").isTrue();

        Readiness<Void> overdue = VerificationHealth.of(WEEKLY, passed, SINCE, Instant.parse("2026-12-06T10:01:00Z"));
        assertThat(overdue.ready()).isFalse();
        assertThat(overdue.reason()).isEqualTo(VerificationHealth.OVERDUE);
        assertThat(overdue.message()).contains("2026-12-06T04:00:00Z");
    }

    /** A Job that succeeded but whose pod left no summary (e.g. nodes that only report Jobs done) still passed. */
    @Test
    void aPassWithoutASummaryNamesNoBackupItDoesNotKnow() {
        BackupStatus passed = status("2026-11-29T02:01:00Z", "Passed", "2026-11-29T04:03:00Z", "2026-11-29T04:03:00Z");
        passed.setLastVerificationBackup(null);
        passed.setLastVerificationMessage("the Job succeeded (its pod left no summary)");

        assertThat(VerificationHealth.of(WEEKLY, passed, SINCE, SUNDAY).message()).startsWith("The newest backup was")
                .doesNotContain("null");
    }

    @Test
    void aFailedVerificationIsFalseAndSaysWhy() {
        Readiness<Void> failed = VerificationHealth.of(WEEKLY,
                status("2026-11-29T02:01:00Z", "Failed", "2026-11-29T04:03:00Z", "2026-11-22T04:02:00Z"), SINCE, SUNDAY);

        assertThat(failed.ready()).isFalse();
        assertThat(failed.reason()).isEqualTo(VerificationHealth.FAILED);
        assertThat(failed.message()).contains("dashboard-20261129T020000Z.sql.gz", "the dump held 2", "does not count as fresh");
    }

    @Test
    void aVerificationThatCouldNotRunIsFalse() {
        BackupStatus error = status("2026-11-29T02:01:00Z", "Error", "2026-11-29T04:03:00Z", null);
        assertThat(VerificationHealth.of(WEEKLY, error, SINCE, SUNDAY).reason()).isEqualTo(VerificationHealth.ERROR);
    }

    /** Nothing to verify before the first backup is no failure; the run after it is due a schedule later. */
    @Test
    void noBackupToVerifyIsPendingUntilABackupHadBeenTaken() {
        BackupStatus nothingYet = status(null, "NoBackup", "2026-11-29T04:03:00Z", null);
        Readiness<Void> pending = VerificationHealth.of(WEEKLY, nothingYet, SINCE, SUNDAY);
        assertThat(pending.ready()).isTrue();
        assertThat(pending.reason()).isEqualTo(VerificationHealth.PENDING);
        assertThat(pending.message()).contains("2026-12-06T04:00:00Z");

        BackupStatus backedUpSince = status("2026-11-30T02:01:00Z", "NoBackup", "2026-11-29T04:03:00Z", null);
        assertThat(VerificationHealth.of(WEEKLY, backedUpSince, SINCE, Instant.parse("2026-12-01T00:00:00Z")).reason())
                .isEqualTo(VerificationHealth.PENDING);
        assertThat(VerificationHealth.of(WEEKLY, backedUpSince, SINCE, Instant.parse("2026-12-06T10:01:00Z")).reason())
                .as("the run after the backup did not pass").isEqualTo(VerificationHealth.OVERDUE);

        BackupStatus missing = status("2026-11-29T02:01:00Z", "NoBackup", "2026-11-29T04:03:00Z", null);
        assertThat(VerificationHealth.of(WEEKLY, missing, SINCE, SUNDAY).reason())
                .as("a backup had been taken, yet none was found").isEqualTo(VerificationHealth.ERROR);
    }

    /** Counted from when verification began: daily backups do not push the first due run ahead. */
    @Test
    void theFirstVerificationIsDueAtTheFirstScheduledRun() {
        Instant began = Instant.parse("2026-11-30T12:00:00Z");

        Readiness<Void> pending = VerificationHealth.of(WEEKLY, status("2026-12-01T02:01:00Z", null, null, null),
                began, Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(pending.ready()).isTrue();
        assertThat(pending.reason()).isEqualTo(VerificationHealth.PENDING);
        assertThat(pending.message()).contains("2026-12-06T04:00:00Z");
        for (String newestBackup : List.of("2026-12-06T02:01:00Z", "2026-12-07T02:01:00Z", "2026-12-08T02:01:00Z")) {
            assertThat(VerificationHealth.of(WEEKLY, status(newestBackup, null, null, null), began,
                    Instant.parse(newestBackup).plusSeconds(9 * 3600)).reason())
                    .as("still overdue after the backup of " + newestBackup).isEqualTo(VerificationHealth.OVERDUE);
        }
        assertThat(VerificationHealth.of(WEEKLY, new BackupStatus(), null, SUNDAY).reason())
                .as("before its CronJob is made").isEqualTo(VerificationHealth.PENDING);
    }

    @Test
    void switchedOffIsFalseAndSaysSo() {
        BackupVerifySpec off = new BackupVerifySpec();
        off.setEnabled(false);

        Readiness<Void> disabled = VerificationHealth.of(off, new BackupStatus(), SINCE, SUNDAY);
        assertThat(disabled.ready()).isFalse();
        assertThat(disabled.reason()).isEqualTo(VerificationHealth.DISABLED);
    }
}
