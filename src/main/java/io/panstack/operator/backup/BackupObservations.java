package io.panstack.operator.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.BackupSpec;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Conditions;
import io.panstack.operator.status.Readiness;

/**
 * Where a stack's backups stand: the backup Jobs' outcomes (kept in status beyond the Jobs' history limit), the
 * next scheduled run, and the BackupHealthy verdict over every kind of usable backup.
 */
public final class BackupObservations {

    private BackupObservations() {
    }

    /** @param started the panstack.io/backup-now and verify-now requests this reconcile started a Job for */
    public static Readiness<BackupStatus> observe(Pass pass, Context<PanStack> context, Backups.OnDemand started,
            Instant now) {
        Stack stack = pass.stack();
        BackupSpec spec = stack.spec().getBackup();
        if (!stack.spec().backsUp()) {
            return new Readiness<>(false, Conditions.BACKUPS_DISABLED, "Logical backups are off (spec.backup.enabled: false): nothing but"
                    + (stack.spec().getDatabase().getRds() != null ? " RDS automated backups" : " you") + " keeps a"
                    + " copy of the repository", kept(stack.resource().getStatus()));
        }
        PanStackStatus previous = stack.resource().getStatus();
        BackupStatus before = previous == null || previous.getBackup() == null ? new BackupStatus() : previous.getBackup();
        List<Job> allJobs = context.getSecondaryResourcesAsStream(Job.class).toList();
        List<Job> jobs = allJobs.stream()
                .filter(job -> BackupJobs.COMPONENT.equals(job.getMetadata().getLabels().get(StackLabels.COMPONENT)))
                .toList();
        BackupRuns.Outcome runs = BackupRuns.of(jobs);

        BackupStatus status = new BackupStatus();
        Instant lastSuccess = BackupRuns.later(runs.lastSuccess(), parse(before.getLastSuccessfulTime()));
        Instant lastFailure = BackupRuns.later(runs.lastFailure(), parse(before.getLastFailureTime()));
        status.setLastSuccessfulTime(text(lastSuccess));
        status.setLastFailureTime(text(lastFailure));
        status.setNextScheduledTime(CronSchedule.parse(spec.getSchedule()).flatMap(cron -> cron.nextAfter(now))
                .map(Instant::toString).orElse(null));
        status.setLocation(Backups.target(pass.cloud()).location(stack));
        CloudState cloud = pass.cloud();
        // An observation: a failed read keeps the last known time and says why (it never holds anything).
        Observed<Instant> snapshots = cloud != null && cloud.database() != null ? cloud.database().newestSnapshot() : null;
        Instant snapshot = snapshots == null ? null : snapshots.value();
        status.setLastSnapshotTime(text(BackupRuns.later(snapshot, parse(before.getLastSnapshotTime()))));
        status.setLastSnapshotError(snapshots == null ? before.getLastSnapshotError() : snapshots.failure());
        status.setLastOnDemandRequest(started.backup() != null ? started.backup() : before.getLastOnDemandRequest());
        status.setLastVerifyRequest(started.verify() != null ? started.verify() : before.getLastVerifyRequest());
        recordVerification(status, before, Verifications.newest(allJobs,
                context.getSecondaryResourcesAsStream(Pod.class).toList()));
        Observed<Integer> pruned = cloud != null && cloud.bucket() != null ? cloud.bucket().pruned() : null;
        status.setPruneError(pruned != null ? pruned.failure() : before.getPruneError());

        List<BackupHealth.Kind> kinds = new ArrayList<>();
        kinds.add(logicalDumps(status, lastSuccess, lastFailure));
        if (cloud != null && cloud.database() != null) {
            kinds.add(pointInTimeRecovery(cloud.database().latestRestorableTime(), parse(status.getLastSnapshotTime())));
        } else if (previous != null && previous.getDatabase() != null && previous.getDatabase().getLatestRestorableTime() != null) {
            // AWS not read in this pass: the last known recovery window stands.
            kinds.add(pointInTimeRecovery(parse(previous.getDatabase().getLatestRestorableTime()),
                    parse(status.getLastSnapshotTime())));
        }
        Readiness<Void> health = BackupHealth.of(kinds,
                BackupHealth.parse(spec.getMaxAge()).orElse(BackupHealth.parse(BackupSpec.MAX_AGE).orElseThrow()),
                askedSince(stack, context, now), now);
        return new Readiness<>(health.ready(), health.reason(), health.message(), status);
    }

    /**
     * The newest verification, from its Job when that is newer than what status recorded (Jobs are pruned by the
     * CronJob's history limits), else as recorded.
     */
    private static void recordVerification(BackupStatus status, BackupStatus before, Optional<Verifications.Outcome> found) {
        Instant known = parse(before.getLastVerificationTime());
        // Newer than recorded; or the same run, now with its pod's summary, which the Job may have beaten to the cache.
        Optional<Verifications.Outcome> newer = found.filter(outcome -> known == null || outcome.at().isAfter(known)
                || (outcome.at().equals(known) && outcome.fromPod() && !Verifications.sameFinding(before,
                        outcome.result().name(), outcome.backup(), outcome.message())));
        if (newer.isEmpty()) {
            status.setLastVerifiedTime(before.getLastVerifiedTime());
            status.setLastVerificationResult(before.getLastVerificationResult());
            status.setLastVerificationTime(before.getLastVerificationTime());
            status.setLastVerificationBackup(before.getLastVerificationBackup());
            status.setLastVerificationMessage(before.getLastVerificationMessage());
            return;
        }
        Verifications.Outcome outcome = newer.get();
        boolean passed = outcome.result() == Verifications.Result.Passed;
        status.setLastVerifiedTime(passed ? text(outcome.at()) : before.getLastVerifiedTime());
        status.setLastVerificationResult(outcome.result().name());
        status.setLastVerificationTime(text(outcome.at()));
        status.setLastVerificationBackup(outcome.backup());
        status.setLastVerificationMessage(outcome.message());
    }

    /**
     * The logical dumps as a kind of backup: a backup that failed verification is no fresh backup, until a newer one
     * has been taken.
     */
    private static BackupHealth.Kind logicalDumps(BackupStatus status, Instant lastSuccess, Instant lastFailure) {
        Instant rejected = Verifications.Result.Failed.name().equals(status.getLastVerificationResult())
                ? parse(status.getLastVerificationTime()) : null;
        if (rejected != null && (lastFailure == null || rejected.isAfter(lastFailure))) {
            return new BackupHealth.Kind("logical dumps", lastSuccess, rejected, false, "the newest backup checked ("
                    + status.getLastVerificationBackup() + ") failed verification at " + rejected);
        }
        return new BackupHealth.Kind("logical dumps", lastSuccess, lastFailure, false);
    }

    /**
     * Since when the stack has asked for backups: its creation, or when its schedule (the CronJob) was made, whichever
     * is later. A stack made before backups were on by default, or that turned them back on, is not told it has none
     * before its first run was due.
     */
    private static Instant askedSince(Stack stack, Context<PanStack> context, Instant now) {
        return askedSince(parse(stack.resource().getMetadata().getCreationTimestamp()),
                madeAt(context, stack.names().backup()), now);
    }

    /** Since when the backups are verified: when the verification CronJob was made; null before. */
    public static Instant verifiedSince(Stack stack, Context<PanStack> context) {
        return madeAt(context, stack.names().verify());
    }

    private static Instant madeAt(Context<PanStack> context, String cronJob) {
        return context.getSecondaryResourcesAsStream(CronJob.class)
                .filter(found -> cronJob.equals(found.getMetadata().getName())).findFirst()
                .map(found -> parse(found.getMetadata().getCreationTimestamp())).orElse(null);
    }

    /** @param scheduled when the CronJob was made; null: not yet, so backups are asked for from now */
    static Instant askedSince(Instant created, Instant scheduled, Instant now) {
        return BackupRuns.later(created, scheduled == null ? now : scheduled);
    }

    /** With backups off, where the ones taken before are and when the last was: they are kept, so still shown. */
    private static BackupStatus kept(PanStackStatus previous) {
        if (previous == null || previous.getBackup() == null) {
            return null;
        }
        BackupStatus before = previous.getBackup();
        BackupStatus kept = new BackupStatus();
        kept.setLastSuccessfulTime(before.getLastSuccessfulTime());
        kept.setLocation(before.getLocation());
        kept.setVolumeName(before.getVolumeName());
        return kept;
    }

    /** RDS automated backups: point-in-time recovery up to the latest restorable time, else the newest snapshot. */
    private static BackupHealth.Kind pointInTimeRecovery(Instant latestRestorable, Instant newestSnapshot) {
        return latestRestorable != null
                ? new BackupHealth.Kind("RDS point-in-time recovery", latestRestorable, null, true)
                : new BackupHealth.Kind("RDS snapshots", newestSnapshot, null, false);
    }

    private static Instant parse(String time) {
        return time == null ? null : Instant.parse(time);
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
