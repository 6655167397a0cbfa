package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class VerifyJobsTest {
    static final Stack IN_CLUSTER = TestStacks.withSpec("""
            version: '2025_10.1'
            database: {inCluster: {image: 'mariadb:10.11.9'}}
            backup: {verify: {schedule: '0 5 * * 6'}}
            """);
    static final Target BUCKET = new Target("bi-bucket", "eu-west-1");

    static PodSpec pod(CronJob cronJob) {
        return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    static Container verify(PodSpec pod) {
        return pod.getContainers().stream().filter(c -> c.getName().equals("verify")).findFirst().orElseThrow();
    }

    @Test
    void theScheduleVerifiesWithTheDatabasesOwnServerImageAndNoLoginToTheStacksDatabase() {
        CronJob cronJob = VerifyJobs.cronJob(IN_CLUSTER, Target.volume());
        PodSpec pod = pod(cronJob);
        Container verify = verify(pod);
        Map<String, String> env = BackupJobsTest.env(verify).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getValue()));

        assertThat(cronJob.getMetadata().getName()).isEqualTo("bi-verify");
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 5 * * 6");
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "backup-verify");
        assertThat(verify.getImage()).as("a server of the stack's own version").isEqualTo("mariadb:10.11.9");
        assertThat(verify.getCommand()).containsExactly("/bin/sh", "-c", BackupScripts.verifyScript());
        assertThat(env).containsEntry("DB_SCHEMA", "dashboard").containsEntry("VERIFY_SOURCE", "/backup")
                .containsEntry("RESTORE_SCRIPT", BackupScripts.restoreScript())
                .containsEntry("RESULT_FILE", "/dev/termination-log")
                .doesNotContainKeys("DB_HOST", "DB_USER", "DB_PASSWORD", "DB_PASSWORD_FILE");
        assertThat(verify.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(verify.getResources().getLimits()).containsKey("memory")
                .containsEntry("ephemeral-storage", new io.fabric8.kubernetes.api.model.Quantity("20Gi"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getEmptyDir() != null).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit().toString()).isEqualTo("20Gi"));
        assertThat(pod.getAutomountServiceAccountToken()).as("no Kubernetes token near the untrusted dump").isFalse();
        assertThat(pod.getVolumes()).as("no Secret: the scratch server needs no login of the stack")
                .noneMatch(v -> v.getSecret() != null);
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement().satisfies(v -> {
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("bi-backups");
            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
        });
        assertThat(verify.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/backup");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(pod.getInitContainers()).isEmpty();
        assertThat(pod.getServiceAccountName()).isEqualTo("bi-jobs");
    }

    @Test
    void fromABucketTheNewestBackupAndItsManifestAreDownloadedFirst() {
        PodSpec pod = pod(VerifyJobs.cronJob(IN_CLUSTER, BUCKET));

        assertThat(pod.getInitContainers()).singleElement().satisfies(download -> {
            Map<String, EnvVar> env = BackupJobsTest.env(download);
            assertThat(download.getCommand()).containsExactly("/bin/sh", "-c", BackupScripts.downloadScript());
            assertThat(env.get("DOWNLOAD_SOURCE").getValue()).isEqualTo("s3://bi-bucket/backups/");
            assertThat(env.get("DOWNLOAD_TARGET").getValue()).isEqualTo("/verify/backup");
            assertThat(env.get("DB_SCHEMA").getValue()).isEqualTo("dashboard");
            assertThat(env.get("AWS_REGION").getValue()).isEqualTo("eu-west-1");
            assertThat(download.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        });
        assertThat(BackupJobsTest.env(verify(pod)).get("VERIFY_SOURCE").getValue()).isEqualTo("/verify/backup");
        assertThat(pod.getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null);
    }

    /** A backup that fails verification fails it again: the Job stops at once; a run that could not verify retries. */
    @Test
    void aRejectedBackupEndsTheJobAtOnce() {
        Job job = VerifyJobs.job(IN_CLUSTER, Target.volume(), "bi-verify-now-1234abcd");

        assertThat(job.getMetadata().getName()).isEqualTo("bi-verify-now-1234abcd");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
        assertThat(job.getSpec().getPodFailurePolicy().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getValues()).contains(BackupScripts.EXIT_REJECTED);
        });
    }
}
