package io.panstack.operator.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.cloud.RdsRestoreProgress;
import io.panstack.operator.database.RdsRestore;
import io.panstack.operator.kube.JobMessages;
import io.panstack.operator.kube.JobOutcome;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Hold;

/**
 * Restores of a running stack in place (PanStackRestore), one at a time, oldest first: the dashboard and scheduler
 * are stopped, a safety backup of the current repository is taken, restore.sh replaces the repository (putting the
 * safety backup back if that fails), and Pi starts again. A restore cut short at any step leaves Pi on the repository
 * it had, started again; only a replacement that failed and could not be put back keeps Pi stopped, and says how to
 * go on. Only the stack's own backups are restored: another bucket, or a backup of another stack, is refused. Pure:
 * the caller carries out the {@link Plan}.
 */
public final class InPlaceRestores {
    public static final String COMPONENT = "restore-in-place";
    /** On the Jobs of a restore: the PanStackRestore's name. */
    public static final String RESTORE_LABEL = "panstack.io/restore";
    public static final String HOLD_REASON = "RestoringInPlace";
    private static final Pattern RESULT = Pattern.compile("restore: result=(?<result>\\S+) ?(?<detail>.*)");
    /** How long a Job just created may be missing from the cache before it counts as removed. */
    static final java.time.Duration CACHE_LAG = java.time.Duration.ofMinutes(2);

    private InPlaceRestores() {
    }

    /**
     * @param stopPi     the dashboard and scheduler must run no pod now
     * @param hold       why the stack is not Ready meanwhile, or null
     * @param jobsToStart the safety backup or the restore to start now
     * @param statuses   new statuses, by PanStackRestore name, only where they changed
     */
    public record Plan(boolean stopPi, Hold hold, List<Job> jobsToStart, Map<String, PanStackRestoreStatus> statuses) {
    }

    /**
     * @param restores the PanStackRestores of the namespace naming this stack
     * @param records  the namespace's PanStackBackups
     * @param target   where the stack's backups are; null while that is not known (its bucket is being made)
     */
    public static Plan plan(Stack stack, Target target, List<PanStackRestore> restores, List<PanStackBackup> records,
            List<Job> jobs, List<Pod> pods, Instant now) {
        return plan(stack, target, restores, records, jobs, pods, null, now);
    }

    /**
     * @param rds where the AWS pass left the active restore to an RDS snapshot or point in time; null when this pass
     *            did not look at AWS (its status is then left as it is)
     */
    public static Plan plan(Stack stack, Target target, List<PanStackRestore> restores, List<PanStackBackup> records,
            List<Job> jobs, List<Pod> pods, RdsRestoreProgress rds, Instant now) {
        List<PanStackRestore> waiting = queue(restores);
        // A restore Job still running keeps Pi stopped, whatever happened to its PanStackRestore.
        boolean stopPi = runningJob(jobs).isPresent();
        List<Job> toStart = new ArrayList<>();
        Map<String, PanStackRestoreStatus> statuses = new LinkedHashMap<>();
        Hold hold = null;
        for (int i = 0; i < waiting.size(); i++) {
            PanStackRestore restore = waiting.get(i);
            PanStackRestoreStatus status;
            if (i == 0 && intoNewRdsInstance(restore, records)) {
                status = rdsSpec(restore, records).isPresent()
                        ? RdsRestores.status(stack, restore, rds, now) // Pi keeps running: no hold
                        : RdsRestores.snapshotNotTaken(restore, records, now);
            } else if (i == 0) {
                status = step(stack, target, restore, records, jobs, pods, now, toStart, leftPartial(restores));
                if (!status.finished()) {
                    hold = new Hold(HOLD_REASON, "PanStackRestore " + restore.getMetadata().getName() + ": "
                            + status.getPhase() + (status.getMessage() == null ? "" : " (" + status.getMessage() + ")"));
                }
            } else {
                status = copy(restore.getStatus());
                status.setPhase(RestorePhase.Pending);
                status.setMessage("Waits for PanStackRestore " + waiting.get(0).getMetadata().getName());
            }
            if (!status.equals(restore.getStatus())) {
                statuses.put(restore.getMetadata().getName(), status);
            }
        }
        // A replacement that failed and could not be put back keeps Pi stopped until its PanStackRestore is deleted,
        // or a later restore completed (e.g. of its safety backup).
        String lastCompleted = restores.stream()
                .map(r -> statuses.getOrDefault(r.getMetadata().getName(), r.getStatus()))
                .filter(s -> s != null && s.getPhase() == RestorePhase.Completed && s.getCompletionTime() != null)
                .map(PanStackRestoreStatus::getCompletionTime).max(String::compareTo).orElse("");
        for (PanStackRestore restore : restores) {
            PanStackRestoreStatus current = statuses.getOrDefault(restore.getMetadata().getName(), restore.getStatus());
            stopPi |= current != null && Boolean.TRUE.equals(current.getPiStopped())
                    && (current.getCompletionTime() == null || current.getCompletionTime().compareTo(lastCompleted) > 0);
        }
        return new Plan(stopPi, hold, toStart, statuses);
    }

    /** A restore Job of the stack that is replacing its repository now, if any. */
    public static Optional<String> runningJob(List<Job> jobs) {
        return jobs.stream().filter(job -> COMPONENT.equals(label(job, StackLabels.COMPONENT))
                && !JobOutcome.of(job).succeeded() && !JobOutcome.of(job).failed())
                .map(job -> job.getMetadata().getName()).findFirst();
    }

    /** The stack's unfinished restores, in the order they are carried out (the first is the active one). */
    static List<PanStackRestore> queue(List<PanStackRestore> restores) {
        return restores.stream().filter(r -> r.getStatus() == null || !r.getStatus().finished())
                .sorted(Comparator.comparing((PanStackRestore r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
    }

    /** The active restore, when it is one AWS carries out (RDS snapshot or point in time) and may start. */
    public static Optional<RdsRestore.Request> rdsRequest(Stack stack, List<PanStackRestore> restores,
            List<PanStackBackup> records) {
        return queue(restores).stream().findFirst().filter(restore -> RdsRestores.refusal(stack) == null)
                .flatMap(restore -> rdsSpec(restore, records).map(spec -> new RdsRestore.Request(
                        restore.getMetadata().getName(), restore.getMetadata().getUid(), spec)));
    }

    /** A restore AWS carries out: to a snapshot or point in time, or of a PanStackBackup of kind RdsSnapshot. */
    static boolean intoNewRdsInstance(PanStackRestore restore, List<PanStackBackup> records) {
        return restore.getSpec().intoNewRdsInstance() || named(restore, records)
                .filter(r -> r.getSpec() != null && r.getSpec().rdsSnapshot()).isPresent();
    }

    /** The PanStackBackup of this stack the restore names, if any. */
    static Optional<PanStackBackup> named(PanStackRestore restore, List<PanStackBackup> records) {
        return records.stream().filter(r -> r.getMetadata().getName().equals(restore.getSpec().getBackup()))
                .filter(r -> r.getSpec() != null && restore.getSpec().getStack().equals(r.getSpec().getStack()))
                .findFirst();
    }

    /**
     * What AWS is to restore, when the restore is one into a new RDS instance: its own snapshot or point in time, or
     * the snapshot of the Completed PanStackBackup of kind RdsSnapshot it names.
     */
    static Optional<PanStackRestoreSpec> rdsSpec(PanStackRestore restore, List<PanStackBackup> records) {
        if (restore.getSpec().intoNewRdsInstance()) {
            return Optional.of(restore.getSpec());
        }
        return named(restore, records).filter(r -> r.getStatus() != null && r.getSpec().rdsSnapshot())
                .flatMap(r -> RdsSnapshotBackups.snapshotIn(r.getStatus().getLocation()))
                .map(snapshot -> {
                    PanStackRestoreSpec spec = new PanStackRestoreSpec();
                    spec.setStack(restore.getSpec().getStack());
                    spec.setRdsSnapshotId(snapshot);
                    return spec;
                });
    }

    /** The safety backup of a restore that failed and left the repository partial (Pi kept stopped), if any. */
    private static Optional<String> leftPartial(List<PanStackRestore> restores) {
        return restores.stream().map(PanStackRestore::getStatus)
                .filter(s -> s != null && s.getPhase() == RestorePhase.Failed && Boolean.TRUE.equals(s.getPiStopped())
                        && s.getSafetyBackup() != null)
                .max(Comparator.comparing(s -> String.valueOf(s.getCompletionTime())))
                .map(PanStackRestoreStatus::getSafetyBackup);
    }

    private static PanStackRestoreStatus step(Stack stack, Target target, PanStackRestore restore,
            List<PanStackBackup> records, List<Job> jobs, List<Pod> pods, Instant now, List<Job> toStart,
            Optional<String> partialSafety) {
        PanStackRestoreStatus status = copy(restore.getStatus());
        status.setMessage(null);
        if (status.getPhase() == null || status.getPhase() == RestorePhase.Pending) {
            Source source = source(stack, target, restore, records);
            if (source.problem() != null) {
                status.setPhase(source.waits() ? RestorePhase.Pending : RestorePhase.Failed);
                status.setMessage(source.problem() + (source.waits() ? "" : "; nothing was stopped or changed"));
                status.setCompletionTime(source.waits() ? null : now.toString());
                return status;
            }
            status.setSource(source.location());
            status.setStartTime(now.toString());
            status.setPhase(RestorePhase.StoppingPi);
        }
        status.setPiStopped(true);
        if (target == null) {
            status.setMessage("Waits for the stack's bucket to be ready");
            return status;
        }
        if (status.getPhase() == RestorePhase.StoppingPi) {
            if (repositoryPods(stack, pods) > 0) {
                status.setMessage("Waiting for the dashboard and scheduler pods to stop");
                return status;
            }
            status.setPhase(RestorePhase.SafetyBackup);
            if (partialSafety.isPresent()) {
                // The repository is partial after an earlier restore: a backup of it is no way back; that one's is.
                status.setSafetyBackup(partialSafety.get());
                status.setPhase(RestorePhase.Restoring);
            }
        }
        if (status.getPhase() == RestorePhase.SafetyBackup) {
            String name = stack.name() + "-safety-" + ShortHash.of(restore.getMetadata().getUid());
            Optional<Job> safety = find(jobs, name);
            if (safety.isEmpty()) {
                Job job = BackupJobs.unpruned(stack, target, name);
                job.getMetadata().getLabels().put(RESTORE_LABEL, restore.getMetadata().getName());
                toStart.add(job);
                return status;
            }
            JobOutcome outcome = JobOutcome.of(safety.get());
            if (outcome.failed()) {
                return failed(status, now, "The safety backup failed (kubectl logs job/" + name + " --all-containers):"
                        + " nothing was restored; Pi starts again on its repository", false);
            }
            if (!outcome.succeeded()) {
                return status;
            }
            String line = JobMessages.lastLine(safety.get(), pods,
                    safety.get().getSpec().getTemplate().getSpec().getContainers().get(0).getName()).orElse(null);
            String location = line == null ? null : BackupRecords.location(stack, line);
            if (location == null) {
                if (outcome.at() != null && now.isBefore(outcome.at().plus(BackupRecords.SUMMARY_GRACE))) {
                    return status; // its pod's summary is not seen yet
                }
                return failed(status, now, "The safety backup's location is not known (its pod left no summary):"
                        + " nothing was restored; Pi starts again on its repository", false);
            }
            status.setSafetyBackup(location);
            status.setPhase(RestorePhase.Restoring);
        }
        String name = stack.name() + "-restore-" + ShortHash.of(restore.getMetadata().getUid());
        Optional<Job> apply = find(jobs, name);
        if (apply.isEmpty() && status.getJob() == null) {
            if (repositoryPods(stack, pods) > 0) { // checked again right before: nothing may write meanwhile
                status.setMessage("Waiting for the dashboard and scheduler pods to stop");
                return status;
            }
            Job job = RestoreJob.inPlace(stack, target, status.getSource(), status.getSafetyBackup(), name);
            job.getMetadata().getLabels().put(RESTORE_LABEL, restore.getMetadata().getName());
            toStart.add(job);
            status.setJob(name);
            status.setJobStartTime(now.toString());
            return status;
        }
        if (apply.isEmpty()) {
            // Started once, never again: a Job gone before its outcome was seen may have changed the repository.
            if (status.getJobStartTime() != null && now.isBefore(Instant.parse(status.getJobStartTime()).plus(CACHE_LAG))) {
                return status;
            }
            return failed(status, now, "Job " + name + " was removed before its outcome was seen: the repository may"
                    + " be partial. Pi stays stopped: restore " + status.getSafetyBackup() + " (a PanStackRestore with"
                    + " location: " + status.getSafetyBackup() + "), or delete this PanStackRestore to start Pi on the"
                    + " repository as it is", true);
        }
        JobOutcome outcome = JobOutcome.of(apply.get());
        if (!outcome.succeeded() && !outcome.failed()) {
            return status;
        }
        Matcher said = JobMessages.lastLine(apply.get(), pods, RestoreJob.RESTORE).map(RESULT::matcher)
                .filter(Matcher::matches).orElse(null);
        String result = said == null ? null : said.group("result");
        if (result == null && outcome.failed() && JobMessages.neverStarted(apply.get(), pods, RestoreJob.RESTORE)) {
            result = "Untouched"; // a download failed: restore.sh never ran
        }
        if (outcome.succeeded() || "Restored".equals(result)) {
            status.setPhase(RestorePhase.Completed);
            status.setCompletionTime((outcome.at() != null ? outcome.at() : now).toString());
            status.setPiStopped(false);
            return status;
        }
        if (result == null && outcome.at() != null && now.isBefore(outcome.at().plus(BackupRecords.SUMMARY_GRACE))) {
            return status; // its pod's summary is not seen yet
        }
        String detail = said == null ? "" : ": " + said.group("detail");
        if ("RolledBack".equals(result) || "Untouched".equals(result)) {
            return failed(status, now, "Restoring " + status.getSource() + " failed" + detail + ". "
                    + ("RolledBack".equals(result) ? "The previous repository was put back from " + status.getSafetyBackup()
                            : "The repository was not changed") + "; Pi starts again on it", false);
        }
        return failed(status, now, "Restoring " + status.getSource() + " failed and the repository may be partial"
                + detail + " (kubectl logs job/" + name + "). Pi stays stopped: restore " + status.getSafetyBackup()
                + " (a PanStackRestore with location: " + status.getSafetyBackup() + "), or delete this"
                + " PanStackRestore to start Pi on the repository as it is", true);
    }

    private static PanStackRestoreStatus failed(PanStackRestoreStatus status, Instant now, String message, boolean piStopped) {
        status.setPhase(RestorePhase.Failed);
        status.setCompletionTime(now.toString());
        status.setMessage(message);
        status.setPiStopped(piStopped);
        return status;
    }

    /** Where the backup to restore is, or why it cannot be restored (yet). */
    record Source(String location, String problem, boolean waits) {
        static Source refused(String why) {
            return new Source(null, why, false);
        }
    }

    static Source source(Stack stack, Target target, PanStackRestore restore, List<PanStackBackup> records) {
        if (!stack.spec().backsUp()) {
            return Source.refused("Logical backups are off for PanStack " + stack.name() + " (spec.backup.enabled: false),"
                    + " so there is no safety backup to fall back on");
        }
        if (target == null) {
            return new Source(null, "Waits for the stack's bucket to be ready", true);
        }
        String location = restore.getSpec().getLocation();
        if (restore.getSpec().getBackup() != null) {
            String name = restore.getSpec().getBackup();
            Optional<PanStackBackup> record = records.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
            if (record.isEmpty()) {
                return Source.refused("There is no PanStackBackup " + name + " in this namespace");
            }
            if (!stack.name().equals(record.get().getSpec().getStack())) {
                return Source.refused("PanStackBackup " + name + " is a backup of " + record.get().getSpec().getStack()
                        + ", not of " + stack.name());
            }
            BackupPhase phase = record.get().getStatus() == null ? null : record.get().getStatus().getPhase();
            if (phase != BackupPhase.Completed || record.get().getStatus().getLocation() == null) {
                return phase == BackupPhase.Failed ? Source.refused("PanStackBackup " + name + " failed")
                        : new Source(null, "Waits for PanStackBackup " + name + " to complete", true);
            }
            location = record.get().getStatus().getLocation();
        }
        String claim = "pvc://" + stack.names().backupVolume() + "/";
        if (location.startsWith(claim)) {
            location = location.substring(claim.length());
        }
        RestoreSpec parsed = new RestoreSpec();
        parsed.setBackup(location);
        if (!parsed.valid() || (!parsed.fromS3() && location.contains("/"))) {
            return Source.refused(location + " is not a backup location: s3://<bucket>/backups/<file>.sql.gz or a"
                    + " backup file name");
        }
        if (parsed.fromS3() != target.s3()) {
            return Source.refused("The stack keeps its backups " + (target.s3() ? "in s3://" + target.bucket()
                    + "/backups/" : "on its backup volume") + ": restore one of those");
        }
        if (parsed.fromS3() && !(target.bucket().equals(parsed.bucket())
                && parsed.key().startsWith(io.panstack.operator.bucket.StackBucket.BACKUP_FOLDER + "/"))) {
            return Source.refused("Only this stack's own backups can be restored in place: s3://" + target.bucket()
                    + "/backups/..., not " + location);
        }
        return new Source(location, null, false);
    }

    private static int repositoryPods(Stack stack, List<Pod> pods) {
        return (int) pods.stream().filter(pod -> pod.getMetadata().getLabels() != null)
                .filter(pod -> stack.name().equals(pod.getMetadata().getLabels().get(StackLabels.INSTANCE)))
                .filter(pod -> {
                    String component = pod.getMetadata().getLabels().get(StackLabels.COMPONENT);
                    return Component.DASHBOARD.id().equals(component) || Component.SCHEDULER.id().equals(component);
                }).count();
    }

    private static Optional<Job> find(List<Job> jobs, String name) {
        return jobs.stream().filter(job -> name.equals(job.getMetadata().getName())).findFirst();
    }

    static PanStackRestoreStatus copy(PanStackRestoreStatus status) {
        PanStackRestoreStatus copy = new PanStackRestoreStatus();
        if (status != null) {
            copy.setPhase(status.getPhase());
            copy.setSource(status.getSource());
            copy.setSafetyBackup(status.getSafetyBackup());
            copy.setRestoredInstance(status.getRestoredInstance());
            copy.setPreviousInstance(status.getPreviousInstance());
            copy.setJob(status.getJob());
            copy.setJobStartTime(status.getJobStartTime());
            copy.setStartTime(status.getStartTime());
            copy.setCompletionTime(status.getCompletionTime());
            copy.setPiStopped(status.getPiStopped());
            copy.setMessage(status.getMessage());
        }
        return copy;
    }

    private static String label(Job job, String key) {
        return job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(key);
    }
}
