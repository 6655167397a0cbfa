package io.panstack.operator.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.BackupVerifySpec;
import io.panstack.operator.backup.Verifications.Result;
import io.panstack.operator.status.Readiness;

/**
 * The BackupVerified verdict, from what status records of the verifications (see BackupObservations): True while
 * the newest verification passed and the next scheduled one is not overdue; False when it failed, could not verify,
 * is overdue, or verification is off. Its message changes only when a verification finishes or falls due, never
 * from one pass to the next. Pure.
 */
public final class VerificationHealth {
    public static final String VERIFIED = "Verified";
    public static final String PENDING = "FirstVerificationPending";
    public static final String FAILED = "VerificationFailed";
    public static final String ERROR = "VerificationError";
    public static final String OVERDUE = "VerificationOverdue";
    public static final String DISABLED = "VerificationDisabled";
    /** A scheduled verification may take this long (the Job's deadline) before it counts as missed. */
    static final Duration GRACE = Duration.ofHours(6);

    private VerificationHealth() {
    }

    /** @param backup the status of this pass, the verification fields included */
    public static Readiness<Void> of(BackupVerifySpec spec, BackupStatus backup, Instant now) {
        if (!spec.enabled()) {
            return new Readiness<>(false, DISABLED, "Backups are not verified (spec.backup.verify.enabled: false):"
                    + " nothing proves they restore", null);
        }
        String result = backup.getLastVerificationResult();
        String which = backup.getLastVerificationBackup() == null ? "" : " of " + backup.getLastVerificationBackup();
        if (Result.Failed.name().equals(result)) {
            return new Readiness<>(false, FAILED, "The verification" + which + " at " + backup.getLastVerificationTime()
                    + " failed: " + backup.getLastVerificationMessage() + ". That backup does not count as fresh;"
                    + " kubectl logs on the failed Job of app.kubernetes.io/component=" + VerifyJobs.COMPONENT, null);
        }
        // No backup yet to verify is no failure: BackupHealthy says there is none.
        if (Result.Error.name().equals(result) && backup.getLastSuccessfulTime() != null) {
            return new Readiness<>(false, ERROR, "The verification at " + backup.getLastVerificationTime()
                    + " could not verify a backup: " + backup.getLastVerificationMessage(), null);
        }
        Instant passed = parse(backup.getLastVerifiedTime());
        Instant since = passed != null ? passed : parse(backup.getLastSuccessfulTime());
        Optional<Instant> due = since == null ? Optional.empty()
                : CronSchedule.parse(spec.getSchedule()).flatMap(cron -> cron.nextAfter(since));
        if (due.isPresent() && now.isAfter(due.get().plus(GRACE))) {
            return new Readiness<>(false, OVERDUE, (passed == null ? "No verification has passed yet"
                    : "The last verification that passed was at " + passed) + "; the one due at " + due.get()
                    + " has not passed (schedule \"" + spec.getSchedule() + "\")", null);
        }
        if (passed == null) {
            return new Readiness<>(true, PENDING, "No backup has been verified yet; the first verification is due "
                    + due.map(time -> "at " + time).orElse("after the first backup"), null);
        }
        return new Readiness<>(true, VERIFIED, Result.Passed.name().equals(result)
                ? backup.getLastVerificationBackup() + " was restored into a scratch server at " + passed
                        + " and matched its manifest: " + backup.getLastVerificationMessage()
                : "The last verification that passed was at " + passed, null);
    }

    private static Instant parse(String time) {
        return time == null ? null : Instant.parse(time);
    }
}
