package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.stack.JobImages;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class BackupJobsTest {
    static final Stack IN_CLUSTER = TestStacks.withSpec("""
            version: '2025_10.1'
            backup: {schedule: '30 1 * * *', retentionDays: 7}
            """);
    static final Stack EXTERNAL = TestStacks.withSpec("""
            version: '2025_10.1'
            database:
              external: {host: db.example.com, credentialsSecretRef: {name: pi-db}}
            backup: {serviceAccountName: backup-writer}
            """);

    static PodSpec pod(CronJob cronJob) {
        return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @Test
    void encryptionLockAndASecondCopyReachTheUpload() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                bucket: {}
                backup:
                  kmsKeyId: alias/bi-backups
                  objectLock: {mode: COMPLIANCE, days: 35}
                  copyTo: {bucket: dr-backups, kmsKeyId: alias/dr}
                """);
        Container upload = pod(BackupJobs.cronJob(stack, new Target("bi-bucket", "eu-west-1"))).getContainers().get(0);

        assertThat(env(upload)).extractingFromEntries(e -> e.getKey(), e -> e.getValue().getValue()).contains(
                org.assertj.core.groups.Tuple.tuple("KMS_KEY_ID", "alias/bi-backups"),
                org.assertj.core.groups.Tuple.tuple("LOCK_MODE", "COMPLIANCE"),
                org.assertj.core.groups.Tuple.tuple("LOCK_DAYS", "35"),
                org.assertj.core.groups.Tuple.tuple("COPY_BUCKET", "dr-backups"),
                org.assertj.core.groups.Tuple.tuple("COPY_PREFIX", stack.namespace() + "/bi"),
                org.assertj.core.groups.Tuple.tuple("COPY_REGION", "eu-west-1"),
                org.assertj.core.groups.Tuple.tuple("COPY_KMS_KEY_ID", "alias/dr"));
        Container plain = pod(BackupJobs.cronJob(IN_CLUSTER, new Target("bi-bucket", "eu-west-1"))).getContainers().get(0);
        assertThat(env(plain)).doesNotContainKeys("KMS_KEY_ID", "LOCK_MODE", "COPY_BUCKET");
    }

    @Test
    void theScheduleNeverRunsTwoAtOnceAndKeepsFailedRuns() {
        CronJob cronJob = BackupJobs.cronJob(IN_CLUSTER, Target.volume());

        assertThat(cronJob.getMetadata().getName()).isEqualTo("bi-backup");
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("30 1 * * *");
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isPositive();
        assertThat(cronJob.getSpec().getJobTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "backup")
                .containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
    }

    @Test
    void withoutABucketTheDumpGoesToTheBackupVolumeAndIsPrunedThere() {
        PodSpec pod = pod(BackupJobs.cronJob(IN_CLUSTER, Target.volume()));

        assertThat(pod.getInitContainers()).isEmpty();
        Container dump = pod.getContainers().get(0);
        assertThat(dump.getImage()).isEqualTo("mariadb:10.11");
        assertThat(env(dump)).containsKeys("DB_HOST", "DB_SCHEMA", "DB_PASSWORD_FILE", "BACKUP_DIR");
        assertThat(env(dump).get("RETENTION_DAYS").getValue()).isEqualTo("7");
        assertThat(env(dump).get("DB_HOST").getValue()).isEqualTo("bi-mariadb");
        assertThat(env(dump).get("DB_USER").getValue()).as("in-cluster: root, for routines and triggers").isEqualTo("root");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("bi-backups"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("bi-db-credentials");
            assertThat(v.getSecret().getItems()).singleElement().satisfies(i -> assertThat(i.getKey()).isEqualTo("root-password"));
            assertThat(v.getSecret().getDefaultMode()).isEqualTo(0400);
        });
    }

    @Test
    void withABucketAnInitContainerDumpsAndAnAwsCliContainerUploads() {
        PodSpec pod = pod(BackupJobs.cronJob(EXTERNAL, new Target("panstack-a-bi-1234", "eu-west-1")));

        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("dump");
        Container upload = pod.getContainers().get(0);
        assertThat(upload.getImage()).startsWith("amazon/aws-cli:");
        assertThat(env(upload).get("BUCKET").getValue()).isEqualTo("panstack-a-bi-1234");
        assertThat(env(upload).get("PREFIX").getValue()).isEqualTo("backups");
        assertThat(env(upload).get("AWS_REGION").getValue()).isEqualTo("eu-west-1");
        assertThat(pod.getServiceAccountName()).isEqualTo("backup-writer");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        EnvVar user = env(pod.getInitContainers().get(0)).get("DB_USER");
        assertThat(user.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pi-db");
        assertThat(env(pod.getInitContainers().get(0)).get("DB_HOST").getValue()).isEqualTo("db.example.com");
        assertThat(env(pod.getInitContainers().get(0))).doesNotContainKey("RETENTION_DAYS");
    }

    /** Images from the operator's settings (panstack.images.*), e.g. a mirror for clusters without Docker Hub. */
    static final JobImages MIRROR = new JobImages("registry.example.com:5000/mirror/aws-cli:2.17.0",
            "registry.example.com:5000/mirror/mariadb:10.11");

    @Test
    void theJobsUseTheImagesOfTheOperatorsSettings() {
        Stack external = Stack.of(EXTERNAL.resource(), MIRROR);
        PodSpec pod = pod(BackupJobs.cronJob(external, new Target("panstack-a-bi-1234", "eu-west-1")));

        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.example.com:5000/mirror/aws-cli:2.17.0");
        assertThat(pod.getInitContainers().get(0).getImage()).as("an external server: the dump image as it is")
                .isEqualTo("registry.example.com:5000/mirror/mariadb:10.11");
    }

    @Test
    void anRdsRepositoryIsDumpedWithTheClientOfItsEngineVersion() {
        Stack rds = Stack.of(TestStacks.resource("bi", """
                version: '2025_10.1'
                database:
                  rds: {engineVersion: '10.6.14', subnetIds: [subnet-1, subnet-2]}
                backup: {}
                """), MIRROR);
        PodSpec pod = pod(BackupJobs.cronJob(rds, new Target("panstack-a-bi-1234", "eu-west-1")));

        assertThat(pod.getInitContainers().get(0).getImage()).isEqualTo("registry.example.com:5000/mirror/mariadb:10.6");
        PodSpec restore = RestoreJob.desired(rds.withDatabaseEndpoint("db.example.com", 3306), RestoreJobTest.FROM_S3,
                "eu-west-1").getSpec().getTemplate().getSpec();
        assertThat(restore.getContainers().get(0).getImage()).as("restore, the same client")
                .isEqualTo("registry.example.com:5000/mirror/mariadb:10.6");
        assertThat(restore.getInitContainers().get(0).getImage()).as("the download")
                .isEqualTo("registry.example.com:5000/mirror/aws-cli:2.17.0");
    }

    @Test
    void theDumpImageTakesMajorAndMinorOfAVersion() {
        assertThat(JobImages.DEFAULTS.dumpAt("10.11.6")).isEqualTo("mariadb:10.11");
        assertThat(JobImages.DEFAULTS.dumpAt("11.4")).isEqualTo("mariadb:11.4");
        assertThat(JobImages.DEFAULTS.dumpAt("10")).as("too little to go by").isEqualTo("mariadb:10.11");
        assertThat(JobImages.DEFAULTS.dumpAt(null)).isEqualTo("mariadb:10.11");
        assertThat(new JobImages("x", "registry.example.com:5000/mariadb").dumpAt("10.6.1"))
                .as("no tag, a registry port").isEqualTo("registry.example.com:5000/mariadb:10.6");
        assertThat(new JobImages("x", "mirror/mariadb@sha256:0123abcd").dumpAt("10.6.1"))
                .as("pinned by digest: as it is").isEqualTo("mirror/mariadb@sha256:0123abcd");
        assertThat(new JobImages("x", "mirror/mariadb:10.11", false).dumpAt("10.6.1"))
                .as("following the engine switched off").isEqualTo("mirror/mariadb:10.11");
    }

    @Test
    void thePasswordIsNeverAValueOrAnArgument() {
        for (PodSpec pod : List.of(pod(BackupJobs.cronJob(IN_CLUSTER, Target.volume())),
                pod(BackupJobs.cronJob(EXTERNAL, new Target("b", "eu-west-1"))))) {
            List<Container> containers = new java.util.ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            assertThat(containers).allSatisfy(c -> {
                assertThat(c.getEnv()).noneMatch(e -> e.getName().equals("DB_PASSWORD"));
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            });
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        }
    }

    @Test
    void theLocationSaysWhereBackupsGo() {
        assertThat(Target.volume().location(IN_CLUSTER)).isEqualTo("pvc://bi-backups/");
        assertThat(new Target("b", "eu-west-1").location(IN_CLUSTER)).isEqualTo("s3://b/backups/");
    }

    @Test
    void anOnDemandJobIsTheScheduledOneUnderItsOwnName() {
        var job = BackupJobs.job(IN_CLUSTER, Target.volume(), "bi-backup-now-1a2b3c4d");

        assertThat(job.getMetadata().getName()).isEqualTo("bi-backup-now-1a2b3c4d");
        assertThat(job.getSpec()).isEqualTo(BackupJobs.cronJob(IN_CLUSTER, Target.volume()).getSpec().getJobTemplate().getSpec());
    }
}
