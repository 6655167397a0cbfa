package io.panstack.operator.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;

/**
 * Where a stack's logical backups go, and the Jobs a user asks for with an annotation: a new value (any text, e.g. a
 * timestamp) of {@value #BACKUP_NOW} starts one backup, of {@link Verifications#VERIFY_NOW} one verification of the
 * newest backup; once per value.
 */
public final class Backups {
    public static final String BACKUP_NOW = "panstack.io/backup-now";

    private Backups() {
    }

    /**
     * The annotation values this reconcile started a Job for (to record in status); each null when none.
     *
     * @param backup the panstack.io/backup-now value
     * @param verify the panstack.io/verify-now value
     */
    public record OnDemand(String backup, String verify) {
        public static final OnDemand NONE = new OnDemand(null, null);
    }

    /** The stack's bucket when it has one, else its backup volume. */
    public static Target target(CloudState cloud) {
        return cloud != null && cloud.bucket() != null ? new Target(cloud.bucket().name(), cloud.region())
                : Target.volume();
    }

    /** The backup-now value, when it asks for a backup not yet started; else null. */
    static String requested(PanStack resource) {
        return requested(resource, BACKUP_NOW, BackupStatus::getLastOnDemandRequest);
    }

    /** The verify-now value, when it asks for a verification not yet started; else null. */
    static String verifyRequested(PanStack resource) {
        return resource.getSpec().backsUp() && resource.getSpec().getBackup().getVerify().enabled()
                ? requested(resource, Verifications.VERIFY_NOW, BackupStatus::getLastVerifyRequest) : null;
    }

    private static String requested(PanStack resource, String annotation, Function<BackupStatus, String> done) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(annotation);
        BackupStatus status = resource.getStatus() == null ? null : resource.getStatus().getBackup();
        return value == null || value.isBlank() || value.equals(status == null ? null : done.apply(status))
                || !resource.getSpec().backsUp() ? null : value;
    }

    /**
     * Starts the backup and the verification the annotations ask for. A Job's name comes from its request, so a
     * repeated call after a crash finds it instead of starting another.
     */
    public static OnDemand startRequested(Stack stack, Target target, Context<PanStack> context) {
        String backup = start(requested(stack.resource()), stack.names().backup() + "-now-",
                name -> BackupJobs.job(stack, target, name), context);
        String verify = start(verifyRequested(stack.resource()), stack.names().verify() + "-now-",
                name -> VerifyJobs.job(stack, target, name), context);
        return new OnDemand(backup, verify);
    }

    /**
     * The scheduled backup that fell due while the stack slept (its CronJob was suspended with the database stopped),
     * started once on waking: when a scheduled time has passed since the last successful backup. Its name comes from
     * that backup's time, so it is started once per sleep. Returns the Job's request key, or null when none was due.
     */
    public static String catchUpAfterSleep(Stack stack, Target target, Context<PanStack> context, Instant now) {
        BackupStatus status = stack.resource().getStatus() == null ? null : stack.resource().getStatus().getBackup();
        String last = status == null ? null : status.getLastSuccessfulTime();
        if (!stack.spec().backsUp() || !missedSince(stack.spec().getBackup().getSchedule(), last, now)) {
            return null;
        }
        return start("after-sleep-" + last, stack.names().backup() + "-now-",
                name -> BackupJobs.job(stack, target, name), context);
    }

    /**
     * A run of the schedule fell due after the last successful backup, and the latest such run is too old for the
     * CronJob to start it itself once unsuspended (its startingDeadlineSeconds): none means nothing to catch up.
     */
    static boolean missedSince(String schedule, String lastSuccessful, Instant now) {
        if (lastSuccessful == null) {
            return false;
        }
        Optional<CronSchedule> cron = CronSchedule.parse(schedule);
        Instant due;
        try {
            due = cron.flatMap(c -> c.nextAfter(Instant.parse(lastSuccessful))).orElse(null);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
        if (due == null || !due.isBefore(now)) {
            return false;
        }
        // A run the CronJob controller will still start once unsuspended is left to it. The margin is for the time
        // between this look and its: better a second backup than none.
        Instant leftToCronJob = now.minus(BackupJobs.STARTING_DEADLINE.minus(CATCH_UP_MARGIN));
        return cron.get().nextAfter(leftToCronJob.minusNanos(1)).map(recent -> !recent.isBefore(now)).orElse(true);
    }

    private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(5);

    private static String start(String request, String prefix, Function<String, Job> job, Context<PanStack> context) {
        if (request == null) {
            return null;
        }
        JobRun run = JobRun.find(context, prefix + ShortHash.of(request));
        run.startOnce(() -> job.apply(run.name()), context);
        return request;
    }
}
