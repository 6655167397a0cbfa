package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class RestoreJobTest {
    static final Stack IN_CLUSTER = TestStacks.withSpec("""
            version: '2025_10.1'
            database:
              schema: pi_repo
              inCluster: {image: 'mariadb:11.4'}
            backup: {}
            """);
    static final Stack EXTERNAL = TestStacks.withSpec("""
            version: '2025_10.1'
            database:
              external: {host: db.example.com, port: 3307, credentialsSecretRef: {name: pi-db}}
            backup: {}
            """);
    static final Stack RDS = TestStacks.withSpec("""
            version: '2025_10.1'
            database:
              rds: {subnetIds: [subnet-a, subnet-b]}
            backup: {}
            """);
    static final String FILE = "dashboard-20261121T020041Z.sql.gz";
    static final RestoreSpec FROM_S3 = new RestoreSpec("s3://old-bucket/backups/" + FILE, "restore-reader");
    static final RestoreSpec FROM_VOLUME = new RestoreSpec(FILE, null);

    static PodSpec pod(Job job) {
        return job.getSpec().getTemplate().getSpec();
    }

    static Container container(PodSpec pod, String name) {
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        return all.stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static Map<String, EnvVar> env(Container container) {
        return TestStacks.envByName(container.getEnv());
    }

    static String value(Container container, String name) {
        EnvVar variable = env(container).get(name);
        assertThat(variable).as(name + " of " + container.getName()).isNotNull();
        return variable.getValue();
    }

    static VolumeMount mount(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    @Test
    void theJobIsNamedAfterTheStackAndLabelledRestore() {
        Job job = RestoreJob.desired(IN_CLUSTER, FROM_VOLUME, null);

        assertThat(job.getMetadata().getName()).isEqualTo("bi-restore").isEqualTo(RestoreJob.name(IN_CLUSTER));
        assertThat(job.getMetadata().getNamespace()).isEqualTo("analytics");
        for (Map<String, String> labels : List.of(job.getMetadata().getLabels(),
                job.getSpec().getTemplate().getMetadata().getLabels())) {
            assertThat(labels).containsEntry("app.kubernetes.io/component", "restore")
                    .containsEntry("app.kubernetes.io/instance", "bi")
                    .containsEntry("app.kubernetes.io/name", "panintelligence")
                    .containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
        }
    }

    @Test
    void theJobRetriesTwiceIsKeptAndRunsAsTheBackupsDo() {
        for (Job job : List.of(RestoreJob.desired(IN_CLUSTER, FROM_VOLUME, null),
                RestoreJob.desired(EXTERNAL, FROM_S3, "eu-west-1"))) {
            assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
            assertThat(job.getSpec().getTtlSecondsAfterFinished()).as("kept: it records that the restore ran").isNull();
            PodSpec pod = pod(job);
            assertThat(pod.getRestartPolicy()).isEqualTo("Never");
            assertThat(pod.getEnableServiceLinks()).isFalse();
            assertThat(pod.getSecurityContext()).isEqualTo(SecurityContexts.mariadbPod());
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            List<Container> all = new ArrayList<>(pod.getInitContainers());
            all.addAll(pod.getContainers());
            assertThat(all).allSatisfy(c -> assertThat(c.getSecurityContext()).isEqualTo(SecurityContexts.nonRootContainer()));
        }
    }

    @Test
    void aWrongConfigurationOrASchemaThatIsNotEmptyFailsTheJobAtOnce() {
        List<PodFailurePolicyRule> rules = RestoreJob.desired(IN_CLUSTER, FROM_VOLUME, null).getSpec()
                .getPodFailurePolicy().getRules();

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo("restore");
            assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
            assertThat(rule.getOnExitCodes().getValues()).containsExactlyInAnyOrder(BackupScripts.EXIT_BAD_CONFIGURATION,
                    BackupScripts.EXIT_NOT_EMPTY, BackupScripts.EXIT_REJECTED);
        });
    }

    @Test
    void fromS3AnInitContainerDownloadsTheObjectForTheRestore() {
        PodSpec pod = pod(RestoreJob.desired(EXTERNAL, FROM_S3, "eu-west-2"));

        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("download");
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("restore");
        Container download = container(pod, "download");
        assertThat(download.getImage()).isEqualTo("amazon/aws-cli:2.17.0");
        assertThat(download.getCommand()).containsExactly("/bin/sh", "-c", io.panstack.operator.backup.BackupScripts.downloadScript());
        assertThat(io.panstack.operator.backup.BackupScripts.downloadScript()).contains("aws ", "s3 cp", "--endpoint-url", "AWS_ENDPOINT_URL");
        assertThat(value(download, "DOWNLOAD_SOURCE")).isEqualTo("s3://old-bucket/backups/" + FILE);
        assertThat(value(download, "DOWNLOAD_TARGET")).isEqualTo("/restore/" + FILE);
        assertThat(value(download, "AWS_REGION")).isEqualTo("eu-west-2");
        assertThat(value(download, "HOME")).isEqualTo("/restore");
        assertThat(env(download)).as("the download needs no database login").noneSatisfy((name, v) ->
                assertThat(name).startsWith("DB_"));
        assertThat(download.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/restore");

        Container restore = container(pod, "restore");
        assertThat(restore.getCommand()).containsExactly("/bin/sh", "-c", BackupScripts.restoreScript());
        assertThat(value(restore, "RESTORE_SOURCE")).isEqualTo("/restore/" + FILE);
        assertThat(value(restore, "TMPDIR")).isEqualTo("/restore");
        assertThat(mount(restore, "/restore").getName()).isEqualTo(mount(download, "/restore").getName());
        assertThat(volume(pod, mount(restore, "/restore").getName()).getEmptyDir()).as("shared scratch").isNotNull();
        assertThat(pod.getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null);
        assertThat(pod.getServiceAccountName()).isEqualTo("restore-reader");
    }

    @Test
    void fromS3WithoutARegionTheCliFindsItsOwn() {
        Container download = container(pod(RestoreJob.desired(EXTERNAL, FROM_S3, null)), "download");

        assertThat(env(download)).doesNotContainKey("AWS_REGION");
    }

    @Test
    void fromTheVolumeTheRestoreReadsTheBackupVolumeReadOnly() {
        PodSpec pod = pod(RestoreJob.desired(IN_CLUSTER, FROM_VOLUME, "eu-west-1"));

        assertThat(pod.getInitContainers()).isEmpty();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("restore");
        Container restore = container(pod, "restore");
        assertThat(value(restore, "RESTORE_SOURCE")).isEqualTo("/backup/" + FILE);
        assertThat(value(restore, "TMPDIR")).isEqualTo("/restore");
        VolumeMount backups = mount(restore, "/backup");
        assertThat(backups.getReadOnly()).isTrue();
        Volume claim = volume(pod, backups.getName());
        assertThat(claim.getPersistentVolumeClaim().getClaimName()).isEqualTo("bi-backups")
                .isEqualTo(IN_CLUSTER.names().backupVolume());
        assertThat(claim.getPersistentVolumeClaim().getReadOnly()).isTrue();
        assertThat(volume(pod, mount(restore, "/restore").getName()).getEmptyDir()).as("TMPDIR").isNotNull();
        assertThat(env(restore)).doesNotContainKeys("AWS_REGION", "DOWNLOAD_SOURCE");
        assertThat(pod.getServiceAccountName()).as("the stack's own, not the namespace's default")
                .isEqualTo(IN_CLUSTER.names().jobs());
    }

    @Test
    void inClusterTheRestoreLogsInAsRootWithTheRootPassword() {
        PodSpec pod = pod(RestoreJob.desired(IN_CLUSTER, FROM_VOLUME, null));
        Container restore = container(pod, "restore");

        assertThat(restore.getImage()).as("the database's own image").isEqualTo("mariadb:11.4")
                .isEqualTo(BackupJobs.dumpImage(IN_CLUSTER));
        assertThat(value(restore, "DB_HOST")).isEqualTo("bi-mariadb");
        assertThat(value(restore, "DB_PORT")).isEqualTo("3306");
        assertThat(value(restore, "DB_SCHEMA")).isEqualTo("pi_repo");
        assertThat(value(restore, "DB_USER")).isEqualTo("root");
        assertThat(value(restore, "DB_PASSWORD_FILE")).isEqualTo("/run/secrets/db/password");
        Volume secret = volume(pod, mount(restore, "/run/secrets/db").getName());
        assertThat(secret.getSecret().getSecretName()).isEqualTo("bi-db-credentials");
        assertThat(secret.getSecret().getItems()).singleElement().satisfies(item -> {
            assertThat(item.getKey()).isEqualTo("root-password");
            assertThat(item.getPath()).isEqualTo("password");
        });
        assertThat(secret.getSecret().getDefaultMode()).isEqualTo(0400);
    }

    @Test
    void anExternalDatabaseIsRestoredWithTheUserFromItsSecret() {
        PodSpec pod = pod(RestoreJob.desired(EXTERNAL, FROM_S3, "eu-west-1"));
        Container restore = container(pod, "restore");

        assertThat(restore.getImage()).isEqualTo("mariadb:10.11");
        assertThat(value(restore, "DB_HOST")).isEqualTo("db.example.com");
        assertThat(value(restore, "DB_PORT")).isEqualTo("3307");
        assertThat(value(restore, "DB_SCHEMA")).isEqualTo("dashboard");
        EnvVar user = env(restore).get("DB_USER");
        assertThat(user.getValue()).isNull();
        assertThat(user.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pi-db");
        assertThat(user.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("username");
        Volume secret = volume(pod, mount(restore, "/run/secrets/db").getName());
        assertThat(secret.getSecret().getSecretName()).isEqualTo("pi-db");
        assertThat(secret.getSecret().getItems()).singleElement().satisfies(item -> {
            assertThat(item.getKey()).isEqualTo("password");
            assertThat(item.getPath()).isEqualTo("password");
        });
        assertThat(mount(restore, "/run/secrets/db").getReadOnly()).isTrue();
    }

    @Test
    void rdsIsRestoredOnceItsEndpointIsKnown() {
        assertThatThrownBy(() -> RestoreJob.desired(RDS, FROM_VOLUME, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");

        Stack rds = RDS.withDatabaseEndpoint("bi.abc123.eu-west-1.rds.amazonaws.com", 3306);
        Container restore = container(pod(RestoreJob.desired(rds, FROM_VOLUME, null)), "restore");
        assertThat(value(restore, "DB_HOST")).isEqualTo("bi.abc123.eu-west-1.rds.amazonaws.com");
        assertThat(env(restore).get("DB_USER").getValueFrom().getSecretKeyRef().getName()).isEqualTo("bi-db-credentials");
    }

    @Test
    void theDatabaseLoginIsExactlyTheBackupsOne() {
        for (Stack stack : List.of(IN_CLUSTER, EXTERNAL, RDS.withDatabaseEndpoint("db.rds.example", 3306))) {
            PodSpec backup = BackupJobs.jobSpec(stack, Target.volume(), true).getTemplate().getSpec();
            Container dump = container(backup, "dump");
            for (RestoreSpec from : List.of(FROM_S3, FROM_VOLUME)) {
                PodSpec pod = pod(RestoreJob.desired(stack, from, "eu-west-1"));
                Container restore = container(pod, "restore");
                for (String name : List.of("DB_HOST", "DB_PORT", "DB_SCHEMA", "DB_USER", "DB_PASSWORD_FILE")) {
                    assertThat(env(restore).get(name)).as(name).isEqualTo(env(dump).get(name));
                }
                assertThat(restore.getImage()).isEqualTo(dump.getImage());
                assertThat(volume(pod, BackupJobs.SECRET)).isEqualTo(volume(backup, BackupJobs.SECRET));
                assertThat(mount(restore, BackupJobs.SECRET_PATH)).isEqualTo(mount(dump, BackupJobs.SECRET_PATH));
            }
        }
    }

    @Test
    void thePasswordIsOnlyAFileFromTheSecretNeverAValueOrAnArgument() {
        for (Stack stack : List.of(IN_CLUSTER, EXTERNAL)) {
            for (RestoreSpec from : List.of(FROM_S3, FROM_VOLUME)) {
                PodSpec pod = pod(RestoreJob.desired(stack, from, "eu-west-1"));
                List<Container> all = new ArrayList<>(pod.getInitContainers());
                all.addAll(pod.getContainers());
                assertThat(all).allSatisfy(c -> {
                    assertThat(c.getEnv()).noneMatch(e -> e.getName().equals("DB_PASSWORD"));
                    assertThat(c.getEnv()).as("no Secret's password as a variable").noneMatch(e -> e.getValueFrom() != null
                            && e.getValueFrom().getSecretKeyRef() != null
                            && e.getValueFrom().getSecretKeyRef().getKey().contains("password"));
                    assertThat(c.getArgs()).isNullOrEmpty();
                    assertThat(c.getEnvFrom()).isNullOrEmpty();
                });
                assertThat(container(pod, "restore").getCommand()).containsExactly("/bin/sh", "-c",
                        BackupScripts.restoreScript());
                assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement()
                        .satisfies(v -> assertThat(v.getName()).isEqualTo(BackupJobs.SECRET));
                if (from.fromS3()) {
                    assertThat(container(pod, "download").getVolumeMounts())
                            .as("the download never sees the Secret").noneMatch(m -> m.getName().equals(BackupJobs.SECRET));
                }
            }
        }
    }

    @Test
    void theBackupIsAnS3ObjectOrAFileNameOnTheVolume() {
        assertThat(FROM_S3.fromS3()).isTrue();
        assertThat(FROM_S3.bucket()).isEqualTo("old-bucket");
        assertThat(FROM_S3.key()).isEqualTo("backups/" + FILE);
        assertThat(FROM_S3.fileName()).isEqualTo(FILE);
        assertThat(FROM_VOLUME.fromS3()).isFalse();
        assertThat(FROM_VOLUME.bucket()).isNull();
        assertThat(FROM_VOLUME.fileName()).isEqualTo(FILE);

        for (String good : List.of(FILE, "pi_repo-20260101T000000Z.sql.gz", "s3://b-1.example/x.sql.gz",
                "s3://panstack-analytics-bi-9a8b7c6d/backups/" + FILE, "s3://bkt/a/b(copy)/pi's.sql.gz")) {
            assertThat(new RestoreSpec(good, null).valid()).as(good).isTrue();
        }
        for (String bad : List.of("", "backups/" + FILE, "/backup/" + FILE, "../" + FILE, "dashboard.sql.gz",
                "dashboard-2026-11-21.sql.gz", "dashboard-20261121T020041Z.sql", "s3://bucket", "s3://bucket/",
                "s3://bucket/backup.tar.gz", "s3://Bucket/" + FILE, "s3://bucket//" + FILE,
                "s3://bucket/$(id).sql.gz", "s3://bucket/a b.sql.gz", "s3://bucket/x.sql.gz\n", "https://h/x.sql.gz",
                "s3://bucket/" + "k".repeat(1020) + ".sql.gz")) {
            assertThat(new RestoreSpec(bad, null).valid()).as(bad).isFalse();
            assertThatThrownBy(() -> RestoreJob.desired(IN_CLUSTER, new RestoreSpec(bad, null), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new RestoreSpec(null, null).valid()).isFalse();
        assertThat(new RestoreSpec(null, null).fromS3()).isFalse();
    }

    // --- the download script, run for real with /bin/sh and a fake aws CLI -------------------------------------

    @TempDir
    Path temp;

    /** A fake aws: records its arguments, then writes CONTENT to its last argument, or fails with FAIL set. */
    Path fakeAws() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/bin/sh
                printf '%s\\n' "$@" >"$ARGS_FILE"
                [ -z "${FAIL:-}" ] || { echo "fatal error: 404" >&2; exit 1; }
                for last; do :; done
                printf '%s' "$CONTENT" >"$last"
                """);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    record Run(int exit, String stderr, List<String> args) {
    }

    Run download(Map<String, String> extraEnv) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path bin = fakeAws();
        Path work = Files.createDirectories(temp.resolve("restore"));
        Path args = temp.resolve("args");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", io.panstack.operator.backup.BackupScripts.downloadScript());
        builder.environment().clear();
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("ARGS_FILE", args.toString());
        builder.environment().put("DOWNLOAD_SOURCE", FROM_S3.getBackup());
        builder.environment().put("DOWNLOAD_TARGET", work.resolve(FILE).toString());
        builder.environment().put("CONTENT", "gzipped dump");
        builder.environment().putAll(extraEnv);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr, Files.exists(args) ? Files.readAllLines(args) : List.of());
    }

    @Test
    void theDownloadCopiesTheObjectIntoPlace() throws Exception {
        Run run = download(Map.of());

        assertThat(run.exit()).as(run.stderr()).isZero();
        Path target = temp.resolve("restore").resolve(FILE);
        assertThat(target).hasContent("gzipped dump");
        // The last call fetches its manifest beside it (this fake aws "finds" one for any key).
        assertThat(run.args()).containsExactly("s3", "cp", "--only-show-errors", FROM_S3.getBackup() + ".manifest",
                target + ".manifest");
        try (var files = Files.list(temp.resolve("restore"))) {
            assertThat(files).containsExactlyInAnyOrder(target, Path.of(target + ".manifest"));
        }
    }

    @Test
    void theDownloadHonoursAnEndpoint() throws Exception {
        Run run = download(Map.of("AWS_ENDPOINT_URL", "http://moto:5000"));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.args()).startsWith("--endpoint-url", "http://moto:5000", "s3", "cp");
    }

    @Test
    void aFailedOrEmptyDownloadFailsAndLeavesNothingForTheRestore() throws Exception {
        Run failed = download(Map.of("FAIL", "1"));
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.stderr()).contains("cannot download " + FROM_S3.getBackup());
        try (var files = Files.list(temp.resolve("restore"))) {
            assertThat(files).isEmpty();
        }

        Run empty = download(Map.of("CONTENT", ""));
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(empty.stderr()).contains("is empty");
        try (var files = Files.list(temp.resolve("restore"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theDownloadRefusesWhatIsNotAnS3Object() throws Exception {
        Run run = download(Map.of("DOWNLOAD_SOURCE", "/etc/passwd"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.args()).as("aws never ran").isEmpty();
    }
}
