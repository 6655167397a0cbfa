package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupSpec;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.kube.JobMessages;
import io.panstack.operator.kube.JobOutcome;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The PanStackBackup objects of a stack, one per logical backup: a user creates one to take a backup (the operator
 * starts its Job); for the backups the operator takes itself (scheduled, panstack.io/backup-now, before an upgrade)
 * it creates one, named after the Job. Their status follows the Job and the summary line its pod leaves as
 * termination message; once finished it never changes. The operator deletes a user's record only with its data, when
 * the record asks for that (see BackupDataDeletions); deleting one deletes no backup. Pure: the caller carries out the
 * {@link Plan}.
 */
public final class BackupRecords {
    /** On a Job started for a PanStackBackup: the object's name. */
    public static final String RECORD_LABEL = "panstack.io/backup";
    public static final String KIND = "Logical";
    private static final Pattern FROM_VOLUME = Pattern.compile("backup: file=\\S*/(?<file>[^/\\s]+) bytes=(?<bytes>[0-9]{1,18}) .*");
    /** How long a finished Job's outcome waits for its pod's summary line (the two informers report apart). */
    public static final java.time.Duration SUMMARY_GRACE = java.time.Duration.ofMinutes(5);
    private static final Pattern FROM_S3 = Pattern
            .compile("upload: (?<location>s3://\\S+) bytes=(?<bytes>[0-9]{1,18})(?: copy=(?<copy>s3://\\S+))? .*");

    private BackupRecords() {
    }

    /**
     * What to write for one stack in this pass.
     *
     * @param jobsToStart     backup Jobs to create for the PanStackBackups users made
     * @param recordsToCreate PanStackBackups for the backup Jobs the operator started itself
     * @param statuses        new statuses, by PanStackBackup name, only where they changed
     * @param recordsToDelete the operator's own records past the backups' retention (the list stays bounded)
     */
    public record Plan(List<Job> jobsToStart, List<PanStackBackup> recordsToCreate,
            Map<String, PanStackBackupStatus> statuses, List<String> recordsToDelete) {
        public boolean empty() {
            return jobsToStart.isEmpty() && recordsToCreate.isEmpty() && statuses.isEmpty() && recordsToDelete.isEmpty();
        }
    }

    /**
     * @param records the PanStackBackups of the namespace naming this stack
     * @param jobs    the stack's Jobs
     * @param target  where backups go; null while that is not known yet (the bucket is being made)
     */
    public static Plan plan(Stack stack, Target target, List<PanStackBackup> records, List<Job> jobs, List<Pod> pods,
            java.time.Instant now) {
        return plan(stack, target, records, jobs, pods, null, now);
    }

    /**
     * @param rdsSnapshots what the AWS pass saw of the snapshots RdsSnapshot records want (see RdsSnapshotBackups);
     *                     null when AWS was not looked at
     */
    public static Plan plan(Stack stack, Target target, List<PanStackBackup> records, List<Job> jobs, List<Pod> pods,
            Map<String, String> rdsSnapshots, java.time.Instant now) {
        List<Job> backupJobs = jobs.stream()
                .filter(job -> BackupJobs.COMPONENT.equals(label(job, StackLabels.COMPONENT))).toList();
        List<Job> toStart = new ArrayList<>();
        Map<String, PanStackBackupStatus> statuses = new java.util.LinkedHashMap<>();
        for (PanStackBackup record : records) {
            if (record.getStatus() != null && record.getStatus().finished()) {
                continue;
            }
            if (record.getSpec().rdsSnapshot()) {
                PanStackBackupStatus snapshot = RdsSnapshotBackups.status(stack, record, records, rdsSnapshots, now);
                if (!snapshot.equals(record.getStatus())) {
                    statuses.put(record.getMetadata().getName(), snapshot);
                }
                continue;
            }
            String jobName = jobName(stack, record);
            Optional<Job> job = backupJobs.stream().filter(j -> jobName.equals(j.getMetadata().getName())).findFirst();
            PanStackBackupStatus status;
            boolean seenRunning = record.getStatus() != null && record.getStatus().getPhase() != null
                    && record.getStatus().getPhase() != BackupPhase.Pending;
            if (job.isEmpty() && record.getSpec().getJob() == null && !seenRunning) {
                status = requested(stack, target, jobName);
                if (status.getPhase() == BackupPhase.Pending && target != null) {
                    toStart.add(jobFor(stack, target, record, jobName));
                }
            } else if (job.isEmpty()) {
                // Removed (kubectl delete job, or the CronJob's history limit) before its outcome was seen: never
                // started again behind the user's back.
                status = new PanStackBackupStatus();
                status.setPhase(seenRunning || record.getSpec().getJob() != null ? BackupPhase.Failed : BackupPhase.Pending);
                status.setMessage("Job " + jobName + " was removed before its outcome was seen");
            } else {
                status = observed(stack, job.get(), pods, now);
            }
            status.setOrigin(origin(stack, record));
            status.setKind(KIND);
            status.setJob(jobName);
            if (!status.equals(record.getStatus())) {
                statuses.put(record.getMetadata().getName(), status);
            }
        }
        Set<String> recorded = records.stream().map(r -> jobName(stack, r)).collect(Collectors.toSet());
        records.forEach(r -> recorded.add(r.getMetadata().getName()));
        List<PanStackBackup> toCreate = backupJobs.stream()
                .filter(job -> label(job, RECORD_LABEL) == null && !recorded.contains(job.getMetadata().getName()))
                .map(job -> recordOf(stack, job)).toList();
        return new Plan(toStart, toCreate, statuses, pastRetention(stack, records, backupJobs, now));
    }

    /**
     * The records the operator made for its own backups, past retention as the backups themselves are: beyond the
     * keepNewest newest and older than retentionDays; only once their Job is gone (else it would get a record again).
     * A record a user made is never deleted; deleting a record deletes no backup.
     */
    static List<String> pastRetention(Stack stack, List<PanStackBackup> records, List<Job> backupJobs, java.time.Instant now) {
        if (!stack.spec().backsUp()) {
            return List.of();
        }
        java.util.Set<String> jobs = backupJobs.stream().map(j -> j.getMetadata().getName()).collect(Collectors.toSet());
        List<PanStackBackup> own = records.stream()
                .filter(r -> r.getSpec().getJob() != null && StackLabels.belongsTo(r.getMetadata().getLabels(), stack.name()))
                .filter(r -> r.getStatus() != null && r.getStatus().finished() && r.getStatus().getCompletionTime() != null)
                .sorted(java.util.Comparator.comparing((PanStackBackup r) -> r.getStatus().getCompletionTime()).reversed())
                .toList();
        String cutoff = now.minus(java.time.Duration.ofDays(stack.spec().getBackup().retentionDays())).toString();
        return own.stream().skip(stack.spec().getBackup().keepNewest())
                .filter(r -> r.getStatus().getCompletionTime().compareTo(cutoff) < 0)
                .filter(r -> !jobs.contains(r.getSpec().getJob()))
                .map(r -> r.getMetadata().getName()).toList();
    }

    /** The Job of a record: the one it names, else one named after its uid (so a repeated pass finds it). */
    static String jobName(Stack stack, PanStackBackup record) {
        return record.getSpec().getJob() != null ? record.getSpec().getJob()
                : stack.names().backup() + "-" + ShortHash.of(record.getMetadata().getUid());
    }

    private static PanStackBackupStatus requested(Stack stack, Target target, String jobName) {
        if (!stack.spec().backsUp()) {
            PanStackBackupStatus failed = new PanStackBackupStatus();
            failed.setPhase(BackupPhase.Failed);
            failed.setMessage("Logical backups are off for PanStack " + stack.name() + " (spec.backup.enabled: false)");
            return failed;
        }
        return waiting(target == null ? "Waiting for the stack's bucket to be ready" : "Starting Job " + jobName);
    }

    private static PanStackBackupStatus waiting(String why) {
        PanStackBackupStatus pending = new PanStackBackupStatus();
        pending.setPhase(BackupPhase.Pending);
        pending.setMessage(why);
        return pending;
    }

    private static PanStackBackupStatus observed(Stack stack, Job job, List<Pod> pods, java.time.Instant now) {
        PanStackBackupStatus status = new PanStackBackupStatus();
        status.setStartTime(job.getStatus() == null ? null : job.getStatus().getStartTime());
        JobOutcome outcome = JobOutcome.of(job);
        if (!outcome.succeeded() && !outcome.failed()) {
            status.setPhase(BackupPhase.Running);
            return status;
        }
        String main = job.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
        Optional<String> said = JobMessages.lastLine(job, pods, main);
        if (said.isEmpty() && outcome.at() != null && now.isBefore(outcome.at().plus(SUMMARY_GRACE))) {
            // Finished, but its pod's summary (where the backup went) is not seen yet: a finished record never changes.
            status.setPhase(BackupPhase.Running);
            return status;
        }
        status.setCompletionTime(outcome.at() == null ? null : outcome.at().toString());
        if (outcome.failed()) {
            status.setPhase(BackupPhase.Failed);
            status.setMessage(said.orElse("see kubectl logs job/" + job.getMetadata().getName() + " --all-containers"));
            return status;
        }
        status.setPhase(BackupPhase.Completed);
        said.ifPresent(line -> {
            Matcher volume = FROM_VOLUME.matcher(line);
            Matcher s3 = FROM_S3.matcher(line);
            if (s3.matches()) {
                status.setSizeBytes(Long.parseLong(s3.group("bytes")));
                status.setCopyLocation(s3.group("copy"));
            } else if (volume.matches()) {
                status.setSizeBytes(Long.parseLong(volume.group("bytes")));
            }
            status.setLocation(location(stack, line));
        });
        return status;
    }

    /** Where a backup Job's summary line says the backup went (s3://... or pvc://<claim>/<file>); null if it is none. */
    static String location(Stack stack, String line) {
        Matcher s3 = FROM_S3.matcher(line);
        if (s3.matches()) {
            return s3.group("location");
        }
        Matcher volume = FROM_VOLUME.matcher(line);
        return volume.matches() ? "pvc://" + stack.names().backupVolume() + "/" + volume.group("file") : null;
    }

    /** Who asked for a backup: the user (this object), or which of the operator's own reasons. */
    static String origin(Stack stack, PanStackBackup record) {
        String job = record.getSpec().getJob();
        if (job == null) {
            return "Requested";
        }
        if (job.startsWith(stack.names().backup() + "-now-")) {
            return "Annotation";
        }
        if (job.startsWith(stack.names().backup() + "-pre-upgrade-") || job.startsWith(stack.name() + "-preupgrade-")) {
            return "Upgrade";
        }
        if (job.startsWith(stack.name() + "-safety-")) {
            return "Restore";
        }
        return "Scheduled";
    }

    private static Job jobFor(Stack stack, Target target, PanStackBackup record, String jobName) {
        Job job = BackupJobs.job(stack, target, jobName);
        job.getMetadata().getLabels().put(RECORD_LABEL, record.getMetadata().getName());
        return job;
    }

    private static PanStackBackup recordOf(Stack stack, Job job) {
        PanStackBackup record = new PanStackBackup();
        record.setMetadata(new ObjectMetaBuilder().withName(job.getMetadata().getName()).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), BackupJobs.COMPONENT)).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack(stack.name());
        spec.setJob(job.getMetadata().getName());
        record.setSpec(spec);
        return record;
    }

    private static String label(Job job, String key) {
        return job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(key);
    }
}
