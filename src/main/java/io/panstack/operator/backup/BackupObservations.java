package io.panstack.operator.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    public static Readiness<BackupStatus> observe(Pass pass, Context<PanStack> context, String onDemandStarted, Instant now) {
        Stack stack = pass.stack();
        BackupSpec spec = stack.spec().getBackup();
        if (!stack.spec().backsUp()) {
            return new Readiness<>(false, Conditions.BACKUPS_DISABLED, "Logical backups are off (spec.backup.enabled: false): nothing but"
                    + (stack.spec().getDatabase().getRds() != null ? " RDS automated backups" : " you") + " keeps a"
                    + " copy of the repository", kept(stack.resource().getStatus()));
        }
        PanStackStatus previous = stack.resource().getStatus();
        BackupStatus before = previous == null || previous.getBackup() == null ? new BackupStatus() : previous.getBackup();
        List<Job> jobs = context.getSecondaryResourcesAsStream(Job.class)
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
        status.setLastOnDemandRequest(onDemandStarted != null ? onDemandStarted : before.getLastOnDemandRequest());
        Observed<Integer> pruned = cloud != null && cloud.bucket() != null ? cloud.bucket().pruned() : null;
        status.setPruneError(pruned != null ? pruned.failure() : before.getPruneError());

        List<BackupHealth.Kind> kinds = new ArrayList<>();
        kinds.add(new BackupHealth.Kind("logical dumps", lastSuccess, lastFailure, false));
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
     * Since when the stack has asked for backups: its creation, or when its schedule (the CronJob) was made, whichever
     * is later. A stack made before backups were on by default, or that turned them back on, is not told it has none
     * before its first run was due.
     */
    private static Instant askedSince(Stack stack, Context<PanStack> context, Instant now) {
        return askedSince(parse(stack.resource().getMetadata().getCreationTimestamp()),
                context.getSecondaryResourcesAsStream(CronJob.class)
                        .filter(cronJob -> stack.names().backup().equals(cronJob.getMetadata().getName())).findFirst()
                        .map(cronJob -> parse(cronJob.getMetadata().getCreationTimestamp())).orElse(null), now);
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
