package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.kube.JobMessages;
import io.panstack.operator.kube.JobPods;
import io.panstack.operator.kube.JobServiceAccount;
import io.panstack.operator.kube.PodTemplates;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The verification of the newest logical backup (verify.sh): a CronJob on spec.backup.verify's schedule, and the
 * same Job on demand. The pod starts a MariaDB server of its own, in the image the backups are dumped with, restores
 * the backup into it and checks it against its manifest. It gets no login to the stack's database at all. With a
 * bucket an aws-cli init container first downloads the newest backup and its manifest; on the backup volume they are
 * read where they are, read-only. The summary line is the container's termination message, which the operator reads
 * back ({@link Verifications}). Pure.
 */
public final class VerifyJobs {
    public static final String COMPONENT = "backup-verify";
    static final String VERIFY = "verify";
    static final String DOWNLOAD = "download";
    /** Scratch volume: the scratch server's data, and the downloaded backup. */
    static final String WORK = "verify";
    static final String WORK_PATH = "/verify";
    static final String DOWNLOADED_PATH = WORK_PATH + "/backup";
    static final String BACKUPS = "backups";
    static final String BACKUPS_PATH = "/backup";

    private VerifyJobs() {
    }

    public static CronJob cronJob(Stack stack, Target target) {
        return BackupJobs.scheduled(stack, stack.names().verify(), COMPONENT,
                stack.spec().getBackup().getVerify().getSchedule(), 1, jobSpec(stack, target));
    }

    /** A verification now (panstack.io/verify-now): the scheduled Job under another name. */
    public static Job job(Stack stack, Target target, String name) {
        return BackupJobs.oneOff(stack, name, COMPONENT, jobSpec(stack, target));
    }

    static JobSpec jobSpec(Stack stack, Target target) {
        String source = target.s3() ? DOWNLOADED_PATH : BACKUPS_PATH;
        Container verify = new ContainerBuilder()
                .withName(VERIFY)
                .withImage(BackupJobs.dumpImage(stack))
                .withCommand("/bin/sh", "-c", BackupScripts.verifyScript())
                .withEnv(env(BackupScripts.DB_SCHEMA, stack.database().schema()),
                        env(BackupScripts.RESTORE_SCRIPT, BackupScripts.restoreScript()),
                        env(BackupScripts.TMPDIR, WORK_PATH), env("VERIFY_SOURCE", source),
                        env(BackupScripts.RESULT_FILE, JobMessages.TERMINATION_LOG))
                .addNewVolumeMount().withName(WORK).withMountPath(WORK_PATH).endVolumeMount()
                .addAllToVolumeMounts(target.s3() ? List.of()
                        : List.of(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(BACKUPS)
                                .withMountPath(BACKUPS_PATH).withReadOnly(true).build()))
                // The scratch server: InnoDB's default buffer pool (128 MB) and its threads fit well within this.
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("512Mi"))
                .addToLimits("memory", new Quantity("1Gi"))
                // A backup that unpacks to more than this (a "compression bomb") stops at the limit, on this pod.
                .addToLimits("ephemeral-storage", new Quantity(scratch(stack)))
                .endResources()
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(SecurityContexts.nonRootContainer())
                .build();
        PodSpecBuilder pod = JobPods.runOnce(
                JobServiceAccount.forPod(stack, stack.spec().getBackup().getServiceAccountName()),
                SecurityContexts.mariadbPod(), volumes(stack, target))
                // The restored dump is untrusted data: no Kubernetes token within its reach (IRSA's own is projected).
                .withAutomountServiceAccountToken(false);
        PodSpec spec = PodTemplates.pod(pod, target.s3() ? List.of(download(stack, target)) : List.of(),
                List.of(verify));
        JobSpec job = new JobSpecBuilder()
                .withBackoffLimit(1)
                .withActiveDeadlineSeconds(JobPods.RUN_LIMIT_SECONDS)
                // A backup that fails verification fails it again: only a run that could not verify is retried.
                .withNewPodFailurePolicy()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName(VERIFY)
                .withOperator("In").withValues(BackupScripts.EXIT_BAD_CONFIGURATION, BackupScripts.EXIT_REJECTED)
                .endOnExitCodes().endRule()
                .endPodFailurePolicy()
                .build();
        // Set, not built in: a builder would copy it (PodTemplates).
        job.setTemplate(PodTemplates.template(StackLabels.of(stack.name(), COMPONENT), null, spec));
        return job;
    }

    private static Container download(Stack stack, Target target) {
        List<EnvVar> env = new ArrayList<>(List.of(
                env(RestoreJob.DOWNLOAD_SOURCE, "s3://" + target.bucket() + "/" + StackBucket.BACKUP_FOLDER + "/"),
                env(RestoreJob.DOWNLOAD_TARGET, DOWNLOADED_PATH), env(BackupScripts.DB_SCHEMA, stack.database().schema())));
        if (target.region() != null) {
            env.add(env("AWS_REGION", target.region()));
        }
        Container download = JobPods.awsCli(stack, DOWNLOAD, BackupScripts.downloadScript(), env, WORK, WORK_PATH);
        download.setTerminationMessagePolicy("FallbackToLogsOnError");
        return download;
    }

    private static List<Volume> volumes(Stack stack, Target target) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(WORK).withNewEmptyDir().withSizeLimit(new Quantity(scratch(stack)))
                .endEmptyDir().build());
        if (!target.s3()) {
            volumes.add(BackupJobs.backupVolumeReadOnly(stack, BACKUPS));
        }
        return volumes;
    }

    private static String scratch(Stack stack) {
        return stack.spec().getBackup().getVerify().getScratchSize();
    }

    private static EnvVar env(String name, String value) {
        return DatabaseLogin.value(name, value);
    }
}
