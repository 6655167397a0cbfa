package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.kube.JobPods;
import io.panstack.operator.kube.JobServiceAccount;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The Job that restores a logical backup (spec.database.restoreFrom) into the empty repository, once, before the
 * dashboard first starts. restore.sh runs in the database's own image (as the backup's dump does) and refuses a
 * schema that is not empty (exit {@value BackupScripts#EXIT_NOT_EMPTY}). From S3 an aws-cli init container first
 * downloads the object into a scratch volume; from the backup volume the file is read where it is, read-only. The
 * password reaches the script only as a file from the Secret, never on a command line. Pure.
 */
final class RestoreJob {
    public static final String COMPONENT = "restore";
    /** A failed run is retried twice, then left (with its pods) for kubectl logs. */
    static final int BACKOFF_LIMIT = 2;
    static final String DOWNLOAD = "download";
    static final String RESTORE = "restore";
    /** Scratch volume: the downloaded backup, and restore.sh's TMPDIR (its private option file). */
    static final String WORK = "restore";
    static final String WORK_PATH = "/restore";
    static final String BACKUPS = "backups";
    static final String BACKUPS_PATH = "/backup";
    // Environment of the download script.
    static final String DOWNLOAD_SOURCE = "DOWNLOAD_SOURCE";
    static final String DOWNLOAD_TARGET = "DOWNLOAD_TARGET";
    private RestoreJob() {
    }

    /** The Job's name: {@code <stack>-restore}. */
    public static String name(Stack stack) {
        return stack.name() + "-" + COMPONENT;
    }

    /**
     * The restore Job for a backup.
     *
     * @param from   what to restore; must have the form {@link RestoreSpec#BACKUP_PATTERN} describes
     * @param region the AWS region of the backup's bucket (from S3; null leaves it to the CLI)
     * @throws IllegalArgumentException when the backup is not of that form, or the database's host is not yet known
     *                                  (an RDS endpoint before AWS has reported it)
     */
    public static Job desired(Stack stack, RestoreSpec from, String region) {
        if (from == null || !from.valid()) {
            throw new IllegalArgumentException("Not a backup the restore accepts: " + (from == null ? null : from.getBackup()));
        }
        if (stack.database().host() == null) {
            throw new IllegalArgumentException("The database's host is not known yet; restore once it is");
        }
        Map<String, String> labels = StackLabels.of(stack.name(), COMPONENT);
        String source = from.fromS3() ? WORK_PATH + "/" + from.fileName() : BACKUPS_PATH + "/" + from.fileName();
        Container restore = new ContainerBuilder()
                .withName(RESTORE)
                .withImage(BackupJobs.dumpImage(stack))
                .withCommand("/bin/sh", "-c", BackupScripts.restoreScript())
                .withEnv(restoreEnv(stack, source))
                .withVolumeMounts(mounts(from))
                .withSecurityContext(SecurityContexts.nonRootContainer())
                .build();
        PodSpecBuilder pod = JobPods.runOnce(JobServiceAccount.forPod(stack, from.getServiceAccountName()), SecurityContexts.mariadbPod(),
                volumes(stack, from)).withContainers(restore);
        if (from.fromS3()) {
            pod.withInitContainers(download(stack, from, region));
        }
        // No ttlSecondsAfterFinished: the finished Job records that the restore happened, a failed one stays for logs.
        return new JobBuilder()
                .withNewMetadata().withName(name(stack)).withNamespace(stack.namespace()).withLabels(labels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                // Retrying cannot help when the configuration is wrong, the schema is not empty (which a partial
                // load also leaves behind) or the backup is unusable: the Job fails at once, with the script's
                // message in the pod's log.
                .withNewPodFailurePolicy()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName(RESTORE)
                .withOperator("In").withValues(BackupScripts.EXIT_BAD_CONFIGURATION, BackupScripts.EXIT_NOT_EMPTY,
                        BackupScripts.EXIT_REJECTED)
                .endOnExitCodes().endRule()
                .endPodFailurePolicy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(pod.build())
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The in-place restore of a PanStackRestore: restore.sh replacing the repository (RESTORE_REPLACE) from source,
     * with the safety backup to put back. Both from the bucket (downloaded first, with their manifests) or both on
     * the backup volume (read where they are, read-only). Its outcome line is its termination message. Never retried
     * by Kubernetes: the operator reads how it ended.
     *
     * @param source a location InPlaceRestores accepted: s3://... of the stack's bucket, or a file name on the volume
     * @param safety the safety backup's location: s3://... or pvc://<claim>/<file>
     */
    static Job inPlace(Stack stack, BackupJobs.Target target, String source, String safety, String name) {
        boolean s3 = target.s3();
        String file = s3 ? WORK_PATH + "/backup.sql.gz" : BACKUPS_PATH + "/" + source.substring(source.lastIndexOf('/') + 1);
        String previous = s3 ? WORK_PATH + "/previous.sql.gz" : BACKUPS_PATH + "/" + safety.substring(safety.lastIndexOf('/') + 1);
        List<EnvVar> env = new ArrayList<>(DatabaseLogin.env(stack));
        env.addAll(List.of(env(BackupScripts.RESTORE_SOURCE, file), env("ROLLBACK_SOURCE", previous),
                env("RESTORE_REPLACE", "true"), env(BackupScripts.TMPDIR, WORK_PATH),
                env(BackupScripts.RESULT_FILE, io.panstack.operator.kube.JobMessages.TERMINATION_LOG)));
        List<VolumeMount> mounts = new ArrayList<>(List.of(new VolumeMountBuilder().withName(WORK).withMountPath(WORK_PATH).build(),
                new VolumeMountBuilder().withName(BackupJobs.SECRET).withMountPath(BackupJobs.SECRET_PATH).withReadOnly(true).build()));
        List<Volume> volumes = new ArrayList<>(List.of(new VolumeBuilder().withName(WORK).withNewEmptyDir().endEmptyDir().build(),
                DatabaseLogin.passwordVolume(stack)));
        if (!s3) {
            mounts.add(new VolumeMountBuilder().withName(BACKUPS).withMountPath(BACKUPS_PATH).withReadOnly(true).build());
            volumes.add(BackupJobs.backupVolumeReadOnly(stack, BACKUPS));
        }
        Container restore = new ContainerBuilder().withName(RESTORE).withImage(BackupJobs.dumpImage(stack))
                .withCommand("/bin/sh", "-c", BackupScripts.restoreScript()).withEnv(env).withVolumeMounts(mounts)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(SecurityContexts.nonRootContainer()).build();
        PodSpecBuilder pod = JobPods.runOnce(JobServiceAccount.forPod(stack, stack.spec().getBackup().getServiceAccountName()),
                SecurityContexts.mariadbPod(), volumes).withContainers(restore);
        if (s3) {
            pod.withInitContainers(fetch(stack, target, "download-backup", source, file),
                    fetch(stack, target, "download-previous", safety, previous));
        }
        Map<String, String> labels = StackLabels.of(stack.name(), InPlaceRestores.COMPONENT);
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace()).withLabels(labels).endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod.build()).endTemplate()
                .endSpec().build();
    }

    private static Container fetch(Stack stack, BackupJobs.Target target, String name, String from, String to) {
        List<EnvVar> env = new ArrayList<>(List.of(env(DOWNLOAD_SOURCE, from), env(DOWNLOAD_TARGET, to)));
        if (target.region() != null) {
            env.add(env("AWS_REGION", target.region()));
        }
        return JobPods.awsCli(stack, name, BackupScripts.downloadScript(), env, WORK, WORK_PATH);
    }

    private static Container download(Stack stack, RestoreSpec from, String region) {
        List<EnvVar> env = new ArrayList<>(List.of(env(DOWNLOAD_SOURCE, from.getBackup()),
                env(DOWNLOAD_TARGET, WORK_PATH + "/" + from.fileName())));
        if (region != null) {
            env.add(env("AWS_REGION", region));
        }
        return JobPods.awsCli(stack, DOWNLOAD, BackupScripts.downloadScript(), env, WORK, WORK_PATH);
    }

    private static List<VolumeMount> mounts(RestoreSpec from) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(WORK).withMountPath(WORK_PATH).build());
        if (!from.fromS3()) {
            mounts.add(new VolumeMountBuilder().withName(BACKUPS)
                    .withMountPath(BACKUPS_PATH).withReadOnly(true).build());
        }
        mounts.add(new VolumeMountBuilder().withName(BackupJobs.SECRET)
                .withMountPath(BackupJobs.SECRET_PATH).withReadOnly(true).build());
        return mounts;
    }

    /** The database login exactly as the backup's dump gets it; the source; TMPDIR on the scratch volume. */
    private static List<EnvVar> restoreEnv(Stack stack, String source) {
        List<EnvVar> env = new ArrayList<>(DatabaseLogin.env(stack));
        env.add(env(BackupScripts.RESTORE_SOURCE, source));
        env.add(env(BackupScripts.TMPDIR, WORK_PATH));
        return env;
    }

    private static List<Volume> volumes(Stack stack, RestoreSpec from) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(WORK).withNewEmptyDir().endEmptyDir().build());
        if (!from.fromS3()) {
            volumes.add(BackupJobs.backupVolumeReadOnly(stack, BACKUPS));
        }
        volumes.add(DatabaseLogin.passwordVolume(stack));
        return volumes;
    }

    private static EnvVar env(String name, String value) {
        return DatabaseLogin.value(name, value);
    }
}
