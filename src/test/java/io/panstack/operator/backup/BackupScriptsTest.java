package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.panstack.operator.testsupport.MariaDbServer;
import io.panstack.operator.testsupport.Tiers;

/** The pure parts: file names both ways, and the scripts as resources (the real runs are in BackupRestoreTest). */
@Tag(Tiers.MARIADB)
class BackupScriptsTest {

    @Test
    void fileNameIsSchemaAndUtcSecond() {
        assertThat(BackupScripts.fileName("dashboard", Instant.parse("2025-03-04T05:06:07.891Z")))
                .isEqualTo("dashboard-20250304T050607Z.sql.gz");
        assertThat(BackupScripts.fileName("panstack-demo", Instant.parse("2024-12-31T23:59:59Z")))
                .isEqualTo("panstack-demo-20241231T235959Z.sql.gz");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1970-01-01T00:00:00Z", "2024-02-29T12:34:56Z", "2038-01-19T03:14:08Z",
            "9999-12-31T23:59:59Z" })
    void timeOfReadsBackWhatFileNameWrote(String time) {
        Instant instant = Instant.parse(time);
        String name = BackupScripts.fileName("dashboard", instant);

        assertThat(BackupScripts.timeOf(name)).contains(instant);
        assertThat(BackupScripts.schemaOf(name)).contains("dashboard");
        assertThat(BackupScripts.FILE_NAME.matcher(name).matches()).isTrue();
    }

    @Test
    void timeOfTakesPathsAndS3KeysToo() {
        Instant time = Instant.parse("2025-03-04T05:06:07Z");
        assertThat(BackupScripts.timeOf("/backups/dashboard-20250304T050607Z.sql.gz")).contains(time);
        assertThat(BackupScripts.timeOf("s3://bucket/backups/dashboard-20250304T050607Z.sql.gz")).contains(time);
        assertThat(BackupScripts.schemaOf("backups/pi-repo-2-20250304T050607Z.sql.gz")).contains("pi-repo-2");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "dashboard.sql.gz", "dashboard-20250304T050607Z.sql", "dashboard-20250304T050607.sql.gz",
            "dashboard-20250304050607Z.sql.gz", "dashboard-2025-03-04T05:06:07Z.sql.gz",
            ".dashboard-20250304T050607Z.sql.gz.partial", "dashboard-20250304T050607Z.sql.gz.bak",
            "dashboard-20250230T000000Z.sql.gz", "dashboard-20251304T000000Z.sql.gz", "dashboard-20250304T246000Z.sql.gz",
            "-20250304T050607Z.sql.gz", "dash board-20250304T050607Z.sql.gz", "backups/" })
    void timeOfIsEmptyForAnythingElse(String name) {
        assertThat(BackupScripts.timeOf(name)).isEmpty();
        assertThat(BackupScripts.schemaOf(name)).isEmpty();
    }

    @Test
    void timeOfNull() {
        assertThat(BackupScripts.timeOf(null)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-dashboard", "dash board", "dash'board", "dash$board", "dash/board", "dash.board",
            "x12345678901234567890123456789012345678901234567890123456789012345" })
    void fileNameRejectsSchemasTheScriptsRefuse(String schema) {
        assertThatThrownBy(() -> BackupScripts.fileName(schema, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixtyFourCharacterSchemaIsFine() {
        String schema = "s".repeat(64);
        assertThat(BackupScripts.timeOf(BackupScripts.fileName(schema, Instant.EPOCH))).contains(Instant.EPOCH);
    }

    @Test
    void scriptsLoadFromTheClasspath() {
        Map<String, String> all = BackupScripts.all();

        assertThat(all).containsOnlyKeys("backup.sh", "upload.sh", "restore.sh", "download.sh", "verify.sh");
        assertThat(all.get("verify.sh")).isEqualTo(BackupScripts.verifyScript());
        assertThat(all.get("download.sh")).isEqualTo(BackupScripts.downloadScript());
        assertThat(all.get("backup.sh")).isEqualTo(BackupScripts.backupScript());
        assertThat(all.get("upload.sh")).isEqualTo(BackupScripts.uploadScript());
        assertThat(all.get("restore.sh")).isEqualTo(BackupScripts.restoreScript());
        all.values().forEach(s -> assertThat(s).startsWith("#!/bin/sh\n"));
    }

    /** dash is /bin/sh in the mariadb image and here: the scripts must parse there, without bash features. */
    @Test
    void scriptsAreValidPosixShell() throws Exception {
        Path dash = Path.of("/bin/dash");
        for (Map.Entry<String, String> script : BackupScripts.all().entrySet()) {
            String text = script.getValue();
            String code = text.lines().filter(l -> !l.strip().startsWith("#")).collect(Collectors.joining("\n"));
            assertThat(code).as(script.getKey()).doesNotContain("set -x", "pipefail", "[[", "function ", "local ",
                    "$'");
            if (Files.isExecutable(dash)) {
                MariaDbServer.Result r = MariaDbServer.run(List.of(dash.toString(), "-n"), text);
                assertThat(r.exit()).as(script.getKey() + ": " + r.err()).isZero();
            }
        }
    }

    @Test
    void passwordOnlyThroughAnOptionFile() {
        for (String script : List.of(BackupScripts.backupScript(), BackupScripts.restoreScript())) {
            assertThat(script).contains("--defaults-extra-file=").doesNotContain("--password", "-p$", "MYSQL_PWD")
                    .contains("unset DB_PASSWORD");
        }
    }

    @Test
    void backupDumpsAsTheVendorDoes() {
        assertThat(BackupScripts.backupScript())
                .contains("--single-transaction --routines --triggers --skip-comments \"$DB_SCHEMA\"");
    }
}
