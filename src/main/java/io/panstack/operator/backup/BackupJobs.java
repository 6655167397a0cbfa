package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.panstack.operator.api.v1alpha1.BackupCopySpec;
import io.panstack.operator.api.v1alpha1.BackupSpec;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.kube.JobMessages;
import io.panstack.operator.kube.JobPods;
import io.panstack.operator.kube.JobServiceAccount;
import io.panstack.operator.kube.PodTemplates;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The logical backup of the repository (the vendor's dump, compressed): a CronJob on the spec's schedule, and the
 * same Job on demand. With a bucket the dump runs in an init container of the database's own image and an aws-cli
 * container uploads it to s3://bucket/backups/; without one it is written to the backup volume and pruned there.
 * The password reaches the scripts only as a file from the Secret, never on a command line. Pure.
 */
public final class BackupJobs {
    public static final String COMPONENT = "backup";
    /** A scheduled run missed by less than this (e.g. while suspended) is still started by the CronJob controller. */
    static final java.time.Duration STARTING_DEADLINE = java.time.Duration.ofHours(1);
    static final String WORK = "backup";
    static final String WORK_PATH = "/backup";
    static final String SECRET = DatabaseLogin.VOLUME;
    static final String SECRET_PATH = DatabaseLogin.PATH;

    private BackupJobs() {
    }

    /** Where backups go: the bucket (name, region) or, when null, the backup volume. */
    public record Target(String bucket, String region) {
        public static Target volume() {
            return new Target(null, null);
        }

        public boolean s3() {
            return bucket != null;
        }

        public String location(Stack stack) {
            return s3() ? "s3://" + bucket + "/" + StackBucket.BACKUP_FOLDER + "/" : "pvc://" + stack.names().backupVolume() + "/";
        }
    }

    public static CronJob cronJob(Stack stack, Target target) {
        return scheduled(stack, stack.names().backup(), COMPONENT, stack.spec().getBackup().getSchedule(), 3,
                jobSpec(stack, target, true));
    }

    /** A backup now (on demand, or before an upgrade): the scheduled Job under another name. */
    public static Job job(Stack stack, Target target, String name) {
        return oneOff(stack, name, COMPONENT, jobSpec(stack, target, true));
    }

    /** A backup now that prunes nothing (the safety backup of a restore: older backups may be what is restored). */
    static Job unpruned(Stack stack, Target target, String name) {
        return oneOff(stack, name, COMPONENT, jobSpec(stack, target, false));
    }

    /**
     * A stack's CronJob of the backup family: in UTC, one run at a time, a start up to an hour late still made, and
     * failed runs kept (3) for kubectl logs (the operator records their outcome in status as well).
     */
    static CronJob scheduled(Stack stack, String name, String component, String schedule, int successfulHistory,
            JobSpec job) {
        CronJob cronJob = new CronJobBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .withNewSpec()
                .withSchedule(schedule)
                // Asleep (or waking), the database is stopped: a backup now would fail; one missed is taken on waking.
                // Verification restores into a scratch server of its own, so it goes on.
                .withSuspend(COMPONENT.equals(component) && stack.sleep().piStopped() ? Boolean.TRUE : null)
                .withTimeZone("Etc/UTC")
                .withConcurrencyPolicy("Forbid")
                .withStartingDeadlineSeconds(STARTING_DEADLINE.toSeconds())
                .withSuccessfulJobsHistoryLimit(successfulHistory)
                .withFailedJobsHistoryLimit(3)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .endJobTemplate()
                .endSpec()
                .build();
        cronJob.getSpec().getJobTemplate().setSpec(job); // set, not built in: a builder would copy it (PodTemplates)
        return cronJob;
    }

    /** The Job of such a CronJob, run once now under a name of its own. */
    static Job oneOff(Stack stack, String name, String component, JobSpec job) {
        Job oneOff = new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .build();
        oneOff.setSpec(job); // set, not built in: a builder would copy it (PodTemplates)
        return oneOff;
    }

    /** The backup volume, read-only: where the restore and the verification read backups without a bucket. */
    static Volume backupVolumeReadOnly(Stack stack, String volumeName) {
        return new VolumeBuilder().withName(volumeName).withNewPersistentVolumeClaim()
                .withClaimName(stack.names().backupVolume()).withReadOnly(true).endPersistentVolumeClaim().build();
    }

    /** @param prunes on the backup volume, whether the run prunes backups past retention afterwards */
    static JobSpec jobSpec(Stack stack, Target target, boolean prunes) {
        BackupSpec backup = stack.spec().getBackup();
        Container dump = new ContainerBuilder()
                .withName("dump")
                .withImage(dumpImage(stack))
                .withCommand("/bin/sh", "-c", BackupScripts.backupScript())
                .withEnv(dumpEnv(stack, target, prunes))
                .addNewVolumeMount().withName(WORK).withMountPath(WORK_PATH).endVolumeMount()
                .addNewVolumeMount().withName(SECRET).withMountPath(SECRET_PATH).withReadOnly(true).endVolumeMount()
                .withSecurityContext(SecurityContexts.nonRootContainer())
                .build();
        PodSpecBuilder pod = JobPods.runOnce(JobServiceAccount.forPod(stack, backup.getServiceAccountName()), SecurityContexts.mariadbPod(),
                volumes(stack, target));
        PodSpec spec = target.s3() ? PodTemplates.pod(pod, List.of(dump), List.of(upload(stack, target)))
                : PodTemplates.pod(pod, List.of(), List.of(dump));
        JobSpec job = new JobSpecBuilder()
                .withBackoffLimit(1)
                .withActiveDeadlineSeconds(JobPods.RUN_LIMIT_SECONDS)
                .build();
        // Set, not built in: a builder would copy it (PodTemplates).
        job.setTemplate(PodTemplates.template(StackLabels.of(stack.name(), COMPONENT), null, spec));
        return job;
    }

    private static Container upload(Stack stack, Target target) {
        BackupSpec backup = stack.spec().getBackup();
        List<EnvVar> env = new ArrayList<>(List.of(env(BackupScripts.BACKUP_DIR, WORK_PATH),
                env(BackupScripts.BUCKET, target.bucket()), env(BackupScripts.PREFIX, StackBucket.BACKUP_FOLDER),
                env("AWS_REGION", target.region()), env(BackupScripts.RESULT_FILE, JobMessages.TERMINATION_LOG)));
        if (backup.getKmsKeyId() != null) {
            env.add(env("KMS_KEY_ID", backup.getKmsKeyId()));
        }
        if (backup.getObjectLock() != null) {
            env.add(env("LOCK_MODE", backup.getObjectLock().getMode().name()));
            env.add(env("LOCK_DAYS", Integer.toString(backup.getObjectLock().getDays())));
        }
        BackupCopySpec copy = backup.getCopyTo();
        if (copy != null) {
            env.add(env("COPY_BUCKET", copy.getBucket()));
            env.add(env("COPY_PREFIX", copy.getPrefix() != null ? copy.getPrefix() : stack.namespace() + "/" + stack.name()));
            env.add(env("COPY_REGION", copy.getRegion() != null ? copy.getRegion() : target.region()));
            if (copy.getKmsKeyId() != null) {
                env.add(env("COPY_KMS_KEY_ID", copy.getKmsKeyId()));
            }
        }
        return JobPods.awsCli(stack, "upload", BackupScripts.uploadScript(), env, WORK, WORK_PATH);
    }

    private static List<EnvVar> dumpEnv(Stack stack, Target target, boolean prunes) {
        List<EnvVar> env = new ArrayList<>(DatabaseLogin.env(stack));
        env.add(env(BackupScripts.BACKUP_DIR, WORK_PATH));
        // The summary line (file, size) becomes the container's termination message: the operator reads it back.
        env.add(env(BackupScripts.RESULT_FILE, JobMessages.TERMINATION_LOG));
        if (!target.s3() && prunes) {
            env.add(env(BackupScripts.RETENTION_DAYS, Integer.toString(stack.spec().getBackup().retentionDays())));
            env.add(env(BackupScripts.KEEP_NEWEST, Integer.toString(stack.spec().getBackup().keepNewest())));
        }
        return env;
    }

    private static List<Volume> volumes(Stack stack, Target target) {
        Volume secret = DatabaseLogin.passwordVolume(stack);
        Volume work = target.s3()
                ? new VolumeBuilder().withName(WORK).withNewEmptyDir().endEmptyDir().build()
                : new VolumeBuilder().withName(WORK).withNewPersistentVolumeClaim()
                        .withClaimName(stack.names().backupVolume()).endPersistentVolumeClaim().build();
        return List.of(work, secret);
    }

    /**
     * The dump runs in the database's own image, so client and server versions match: the in-cluster MariaDB's image,
     * for RDS the dump image at the instance's engine version, for an external server the dump image as it is.
     */
    static String dumpImage(Stack stack) {
        return switch (stack.database().mode()) {
            case InCluster -> stack.spec().getDatabase().inClusterOrDefault().getImage();
            case Rds -> stack.images().dumpAt(stack.spec().getDatabase().getRds().getEngineVersion());
            case External -> stack.images().dump();
        };
    }

    private static EnvVar env(String name, String value) {
        return DatabaseLogin.value(name, value);
    }
}
