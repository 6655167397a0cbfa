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
 * the newest verification passed (or none was due yet) and the next scheduled one is not overdue; False when it failed, could not verify,
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

    /**
     * @param backup  the status of this pass, the verification fields included
     * @param since   when verification was asked for (the verification CronJob was made); null: not yet
     */
    public static Readiness<Void> of(BackupVerifySpec spec, BackupStatus backup, Instant since, Instant now) {
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
        if (Result.Error.name().equals(result)) {
            return new Readiness<>(false, ERROR, "The verification at " + backup.getLastVerificationTime()
                    + " could not verify a backup: " + backup.getLastVerificationMessage(), null);
        }
        Instant ran = parse(backup.getLastVerificationTime());
        Instant newestBackup = parse(backup.getLastSuccessfulTime());
        // No backup to verify is no failure while none had been taken yet (BackupHealthy speaks of that); it is
        // when one had been.
        if (Result.NoBackup.name().equals(result) && newestBackup != null && newestBackup.isBefore(ran)) {
            return new Readiness<>(false, ERROR, "The verification at " + ran + " found no backup to verify, though"
                    + " one was taken at " + newestBackup + ": " + backup.getLastVerificationMessage(), null);
        }
        Instant passed = parse(backup.getLastVerifiedTime());
        // Counted from the last run that passed, or found nothing to verify, or else from when verification began:
        // the next scheduled run after that must pass within the grace time.
        Instant from = latest(passed, Result.NoBackup.name().equals(result) ? ran : null, since);
        Optional<Instant> due = from == null ? Optional.empty()
                : CronSchedule.parse(spec.getSchedule()).flatMap(cron -> cron.nextAfter(from));
        if (due.isPresent() && now.isAfter(due.get().plus(GRACE))) {
            return new Readiness<>(false, OVERDUE, (passed == null ? "No verification has passed yet"
                    : "The last verification that passed was at " + passed) + "; the one due at " + due.get()
                    + " has not passed (schedule \"" + spec.getSchedule() + "\")", null);
        }
        if (passed == null) {
            return new Readiness<>(true, PENDING, "No backup has been verified yet; the first verification is due "
                    + due.map(time -> "at " + time).orElse("once its CronJob is made"), null);
        }
        String verified = backup.getLastVerificationBackup() != null ? backup.getLastVerificationBackup()
                : "The newest backup";
        return new Readiness<>(true, VERIFIED, Result.Passed.name().equals(result)
                ? verified + " was restored into a scratch server at " + passed + " and matched its manifest: "
                        + backup.getLastVerificationMessage()
                : "The last verification that passed was at " + passed, null);
    }

    private static Instant latest(Instant... times) {
        Instant latest = null;
        for (Instant time : times) {
            latest = time == null || (latest != null && latest.isAfter(time)) ? latest : time;
        }
        return latest;
    }

    private static Instant parse(String time) {
        return time == null ? null : Instant.parse(time);
    }
}
