package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.panstack.operator.testsupport.MariaDbServer;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.PiRepository;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backup scripts run for real with /bin/sh (dash) against real servers: a private MariaDB 10.11 holding a
 * Pi-like repository (tables with awkward data, the recordTableInteraction trigger of panintelligence.md 6, a
 * function, a procedure, a view) whose login has a password full of shell-special characters; moto as S3 with
 * the aws CLI (v1 and v2 where both are installed); and a second, empty MariaDB to restore into.
 */
@Tag(Tiers.MARIADB)
class BackupRestoreTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();

    static final String SCHEMA = "dashboard";
    static final String USER = "pi";
    /** $, both quotes, space, #, backslash, backtick, semicolon: whatever a shell or an option file could mangle. */
    static final String PASSWORD = "pa$$ 'w\"o#rd\\ `id`;x";
    static final String WRONG_PASSWORD = "wr$ng 'pass\"word\\";
    static final String RESTORER = "restorer";
    static final String RESTORER_PASSWORD = "r3st0re $ 'me'";
    static final String BUCKET = "panstack-backup-test";
    static final List<String> TABLES = List.of("mis_audit_log", "mis_category", "mis_chart",
            "mis_last_table_interactions", "mis_setting", "mis_user");

    @TempDir
    static Path temp;
    static MariaDbServer source;
    static MariaDbServer target;
    static Path scripts;
    static Path home;
    static long rows;

    @BeforeAll
    static void servers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        MariaDbServer.ensureInstalled(); // .ci/install-mariadb, as root, when missing
        scripts = Files.createDirectories(temp.resolve("scripts"));
        for (Map.Entry<String, String> script : BackupScripts.all().entrySet()) {
            Files.writeString(scripts.resolve(script.getKey()), script.getValue());
        }
        home = Files.createDirectories(temp.resolve("home"));
        source = MariaDbServer.start(temp.resolve("source"));
        target = MariaDbServer.start(temp.resolve("target"));
        source.sql(createUser(USER, PASSWORD) + "GRANT ALL ON `" + SCHEMA + "`.* TO 'pi'@'%';\n"
                + "GRANT ALL ON `empty_schema`.* TO 'pi'@'%';\n" + PiRepository.SQL);
        target.sql(createUser(USER, PASSWORD) + createUser(RESTORER, RESTORER_PASSWORD)
                + "GRANT ALL ON `dashboard`.* TO 'pi'@'%';\n"
                + "GRANT ALL ON `occupied`.* TO 'pi'@'%';\n"
                + "GRANT ALL ON `routines_only`.* TO 'pi'@'%';\n"
                + "GRANT ALL ON `never_created`.* TO 'pi'@'%';\n"
                + "GRANT ALL ON `dashboard_copy`.* TO 'restorer'@'%';\n"
                + "GRANT ALL ON `dashboard_keep`.* TO 'restorer'@'%';\n");
        rows = tableStats(source, SCHEMA).values().stream().mapToLong(TableStats::rows).sum();
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION)));
        }
    }

    @AfterAll
    static void stopServers() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Backup, upload with each aws CLI, restore from S3 into an empty server: the same repository, working. */
    @Test
    void roundTripThroughS3IntoAnEmptyServer() throws Exception {
        Path dir = temp.resolve("roundtrip");
        Instant before = Instant.now();
        Run backup = run("backup.sh", backupEnv(dir));
        Instant after = Instant.now();

        assertThat(backup.exit()).as(backup.toString()).isZero();
        Path file = onlyBackup(dir);
        String name = file.getFileName().toString();
        assertThat(backup.out()).matches("backup: file=" + Pattern.quote(file.toString())
                + " bytes=" + Files.size(file) + " seconds=[0-9]+ tables=6\n");
        assertThat(backup.err()).isEmpty();
        assertThat(BackupScripts.schemaOf(name)).contains(SCHEMA);
        assertThat(BackupScripts.timeOf(name)).hasValueSatisfying(t -> assertThat(t)
                .isBetween(before.minusSeconds(1), after.plusSeconds(1)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        // The manifest: the file's checksum and size, each table's rows as the dump holds them (the source's counts:
        // nothing writes meanwhile), and the routines, trigger and view.
        Map<String, Long> counted = new TreeMap<>();
        tableStats(source, SCHEMA).forEach((table, stats) -> counted.put(table, stats.rows()));
        assertThat(manifestRows(file)).isEqualTo(counted);
        assertThat(Files.readAllLines(Path.of(file + ".manifest"))).startsWith("format panstack-backup-manifest/1",
                "file " + name, "schema dashboard",
                "sha256 " + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file))), "bytes " + Files.size(file))
                .contains("function chartsInCategory", "procedure touchTable", "trigger recordTableInteraction",
                        "view mis_chart_summary");
        String dump = gunzip(file); // GZIPInputStream reads it all: valid gzip
        assertThat(dump).contains("CREATE TABLE `mis_chart`", "CREATE TABLE `mis_last_table_interactions`")
                .containsPattern("(?i)TRIGGER\\s+`?recordTableInteraction`?\\s+AFTER INSERT ON\\s+`?mis_chart")
                .contains("FUNCTION `chartsInCategory`", "PROCEDURE `touchTable`", "VIEW `mis_chart_summary`")
                // One schema, not named in the dump: it restores into any schema.
                .doesNotContain("CREATE DATABASE", "USE `dashboard`")
                // --skip-comments, as the vendor dumps.
                .doesNotContain("-- Dump completed", "-- Host:");

        // Upload with every aws CLI there is (v1 from pip, v2 from Debian, ...); each to its own prefix.
        Map<String, Path> clis = awsClis();
        assertThat(clis).as("an aws CLI").isNotEmpty();
        String key = null;
        long uploadMillis = 0;
        for (Map.Entry<String, Path> cli : clis.entrySet()) {
            String prefix = "/backups/" + cli.getKey() + "/";
            Map<String, String> env = awsEnv(cli.getValue());
            env.put("BUCKET", BUCKET);
            env.put("PREFIX", prefix);
            env.put("BACKUP_DIR", dir.toString()); // no argument: the one backup there, as in the Job
            Run upload = run("upload.sh", env);
            String expectedKey = "backups/" + cli.getKey() + "/" + name;

            assertThat(upload.exit()).as(cli + ": " + upload).isZero();
            assertThat(upload.out()).matches("upload: s3://" + BUCKET + "/" + Pattern.quote(expectedKey)
                    + " bytes=" + Files.size(file) + " seconds=[0-9]+\n");
            try (S3Client s3 = s3()) {
                assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(expectedKey)).asByteArray())
                        .isEqualTo(Files.readAllBytes(file));
                assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("backups/" + cli.getKey() + "/")).contents())
                        .extracting(o -> o.key()).containsExactly(expectedKey, expectedKey + ".manifest");
                assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(expectedKey + ".manifest")).asByteArray())
                        .isEqualTo(Files.readAllBytes(Path.of(file + ".manifest")));
            }
            key = expectedKey;
            uploadMillis = upload.millis();
        }
        assertThat(onlyBackup(dir)).isEqualTo(file); // the upload wrote nothing locally

        // Restore from S3 into the empty second server.
        Path downloads = Files.createDirectories(temp.resolve("downloads"));
        Map<String, String> env = awsEnv(clis.values().iterator().next());
        env.putAll(dbEnv(target, SCHEMA));
        env.put("TMPDIR", downloads.toString());
        Run restore = run("restore.sh", env, "s3://" + BUCKET + "/" + key);

        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.out()).matches("restore: source=s3://" + BUCKET + "/" + Pattern.quote(key)
                + " schema=dashboard tables=6 bytes=" + Files.size(file) + " seconds=[0-9]+\n");
        assertThat(downloads).isEmptyDirectory();
        assertThat(tableStats(target, SCHEMA)).isEqualTo(tableStats(source, SCHEMA));
        assertRoutinesAndTriggerWork(SCHEMA, "pi@%");

        System.out.printf("backup: %d rows in %d tables, %d bytes compressed (%d bytes of SQL), %d ms; "
                + "upload: %d ms; restore: %d ms%n", rows, TABLES.size(), Files.size(file),
                dump.getBytes(StandardCharsets.UTF_8).length, backup.millis(), uploadMillis, restore.millis());

        // A second restore into the now populated schema is refused, and changes nothing.
        Map<String, TableStats> restored = tableStats(target, SCHEMA);
        Run again = run("restore.sh", env, "s3://" + BUCKET + "/" + key);

        assertThat(again.exit()).as(again.toString()).isEqualTo(BackupScripts.EXIT_NOT_EMPTY);
        assertThat(again.err()).contains("refused", "schema dashboard", "already holds");
        assertThat(again.out()).isEmpty();
        assertThat(tableStats(target, SCHEMA)).isEqualTo(restored);
    }

    /**
     * While the dump runs (held on a table lock, so the sample is certain to catch it), no process shows the
     * password among its arguments, the dump's environment lacks it, and the option file is private; afterwards
     * nothing of it is left and neither output mentions it.
     */
    @Test
    void passwordIsNeverOnACommandLineNorInTheOutput() throws Exception {
        Path dir = temp.resolve("private");
        Path tmp = Files.createDirectories(temp.resolve("private-tmp"));
        Map<String, String> env = backupEnv(dir);
        env.put("TMPDIR", tmp.toString());
        Process backup;
        List<String> commandLines;
        ProcessInfo dump;
        try (MariaDbServer.Session lock = source.session()) {
            lock.execute("LOCK TABLES dashboard.mis_user WRITE;");
            backup = start("backup.sh", env);
            awaitDumpWaitingForLock(backup);

            List<ProcessInfo> all = processes();
            commandLines = all.stream().map(ProcessInfo::commandLine).toList();
            // Only the script's own shell (and its forks) got the password in its environment, from the test:
            // nothing it runs inherits it.
            assertThat(all.stream().filter(p -> p.environment().contains(PASSWORD)).map(ProcessInfo::commandLine))
                    .isNotEmpty().allMatch(c -> c.equals("/bin/sh " + scripts.resolve("backup.sh")));
            String ps = MariaDbServer.run(List.of("ps", "-eo", "args"), null).out();
            assertThat(ps).contains("mariadb-dump").doesNotContain(PASSWORD).doesNotContain(escaped(PASSWORD));
            dump = processes().stream().filter(p -> p.commandLine().startsWith("mariadb-dump ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mariadb-dump among " + commandLines));
            Path options = Path.of(option(dump.commandLine(), "--defaults-extra-file"));
            assertThat(options).startsWith(tmp).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(options))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(options.getParent())))
                    .isEqualTo("rwx------");
            lock.execute("UNLOCK TABLES;");
        }
        Run run = finish(backup);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(commandLines).isNotEmpty().noneMatch(c -> c.contains(PASSWORD) || c.contains(escaped(PASSWORD)));
        assertThat(dump.commandLine()).contains("--defaults-extra-file=", "--host=127.0.0.1", "--user=pi",
                "--single-transaction --routines --triggers --skip-comments dashboard");
        assertThat(dump.environment()).doesNotContain(PASSWORD).doesNotContain("DB_PASSWORD=");
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD).doesNotContain(escaped(PASSWORD));
        assertThat(tmp).isEmptyDirectory(); // the option file and its directory are gone
        assertThat(gunzip(onlyBackup(dir))).contains("CREATE TABLE `mis_user`");
    }

    /** A mounted Secret (with the newline editors add) instead of the environment. */
    @Test
    void passwordFromAFile() throws Exception {
        Path secret = temp.resolve("secret-password");
        Files.writeString(secret, PASSWORD + "\n");
        Map<String, String> env = backupEnv(temp.resolve("from-file"));
        env.remove("DB_PASSWORD");
        env.put("DB_PASSWORD_FILE", secret.toString());

        Run run = run("backup.sh", env);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(onlyBackup(temp.resolve("from-file"))).isRegularFile();
    }

    /** The dump dies halfway (its connection killed while a table is locked): no file, not even the partial one. */
    @Test
    void dumpFailingHalfwayLeavesNothingBehind() throws Exception {
        Path dir = temp.resolve("killed");
        Process backup;
        try (MariaDbServer.Session lock = source.session()) {
            lock.execute("LOCK TABLES dashboard.mis_user WRITE;");
            backup = start("backup.sh", backupEnv(dir));
            String connection = awaitDumpWaitingForLock(backup);
            // Everything before mis_user is already dumped: the partial file exists, hidden, and has content.
            awaitPartialContent(dir);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .singleElement().asString().matches("\\.dashboard-[0-9]{8}T[0-9]{6}Z\\.sql\\.gz\\.partial");
            }
            source.sql("KILL CONNECTION " + connection + ";");
            lock.execute("UNLOCK TABLES;");
        }
        Run run = finish(backup);

        assertThat(run.exit()).as(run.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(run.err()).contains("mariadb-dump failed", "no backup written");
        assertThat(run.out()).isEmpty();
        assertThat(dir).isEmptyDirectory();
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void wrongPasswordFailsCleanly() throws Exception {
        Path dir = temp.resolve("wrong-password");
        Map<String, String> env = backupEnv(dir);
        env.put("DB_PASSWORD", WRONG_PASSWORD);

        Run run = run("backup.sh", env);

        assertThat(run.exit()).as(run.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(run.err()).contains("Access denied for user 'pi'", "no backup written");
        assertThat(run.out()).isEmpty();
        assertThat(dir).isEmptyDirectory();
        assertThat(run.out() + run.err()).doesNotContain(WRONG_PASSWORD).doesNotContain(escaped(WRONG_PASSWORD))
                .doesNotContain(PASSWORD);
    }

    @Test
    void serverDownFailsCleanly() throws Exception {
        Path dir = temp.resolve("server-down");
        Map<String, String> env = backupEnv(dir);
        env.put("DB_PORT", Integer.toString(MariaDbServer.freePort())); // nothing listens there

        Run run = run("backup.sh", env);

        assertThat(run.exit()).as(run.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(run.err()).contains("Can't connect", "no backup written");
        assertThat(dir).isEmptyDirectory();
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    /** An existing but empty schema (a stack whose dashboard never started) is not a repository backup. */
    @Test
    void schemaWithoutTablesIsNoBackup() throws Exception {
        source.sql("CREATE DATABASE IF NOT EXISTS empty_schema;");
        Path dir = temp.resolve("empty");
        Map<String, String> env = backupEnv(dir);
        env.put("DB_SCHEMA", "empty_schema");

        Run run = run("backup.sh", env);

        assertThat(run.exit()).as(run.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(run.err()).contains("has no tables");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void badConfigurationDumpsNothing() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("RETENTION_DAYS", "7d", "DB_SCHEMA", "dash'board", "DB_PORT",
                "33x6").entrySet()) {
            Path dir = temp.resolve("bad-" + bad.getKey());
            Map<String, String> env = backupEnv(dir);
            env.put(bad.getKey(), bad.getValue());

            Run run = run("backup.sh", env);

            assertThat(run.exit()).as(bad + ": " + run).isEqualTo(BackupScripts.EXIT_BAD_CONFIGURATION);
            assertThat(run.err()).as(bad.toString()).contains(bad.getKey());
        }
        Map<String, String> env = backupEnv(temp.resolve("no-password"));
        env.remove("DB_PASSWORD");
        Run run = run("backup.sh", env);
        assertThat(run.exit()).isEqualTo(BackupScripts.EXIT_BAD_CONFIGURATION);
        assertThat(run.err()).contains("DB_PASSWORD");
    }

    /**
     * RETENTION_DAYS=7 deletes this schema's backups older than 7 days and stale partial files, and nothing else:
     * not other schemas' backups, not other names, not the newest backup.
     */
    @Test
    void pruningKeepsTheNewestAndTouchesOnlyBackupNames() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("prune"));
        Map<String, Integer> ageDays = new LinkedHashMap<>();
        ageDays.put("dashboard-20200101T000000Z.sql.gz", 30); // pruned
        ageDays.put("dashboard-20200102T000000Z.sql.gz", 8); // pruned
        ageDays.put("dashboard-20200103T000000Z.sql.gz", 6); // kept: younger than 7 days
        ageDays.put("dashboard-20200101T000000Z.sql.gz.manifest", 30); // pruned with its backup
        ageDays.put("dashboard-20200103T000000Z.sql.gz.manifest", 6); // kept with its backup
        ageDays.put(".dashboard-20200104T000000Z.sql.gz.partial", 2); // pruned: left by a killed run
        ageDays.put(".dashboard-20200104T000000Z.sql.gz.manifest.partial", 2); // pruned: left by a killed run
        ageDays.put("other-20200101T000000Z.sql.gz", 30); // another schema's
        ageDays.put("dashboard-copy-20200101T000000Z.sql.gz", 30); // another schema's, with our name as prefix
        ageDays.put("dashboard-20200101T000000Z.sql.gz.bak", 30);
        ageDays.put("dashboard-2020.sql.gz", 30);
        ageDays.put("dashboard-20200101T000000Z.sql", 30);
        ageDays.put("notes.txt", 30);
        for (Map.Entry<String, Integer> file : ageDays.entrySet()) {
            age(Files.writeString(dir.resolve(file.getKey()), "x"), file.getValue());
        }
        Map<String, String> env = backupEnv(dir);
        env.put("RETENTION_DAYS", "7");

        Run run = run("backup.sh", env);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith(" pruned=4\n");
        assertThat(names(dir)).containsExactlyInAnyOrder("dashboard-20200103T000000Z.sql.gz",
                "dashboard-20200103T000000Z.sql.gz.manifest", "other-20200101T000000Z.sql.gz", "dashboard-copy-20200101T000000Z.sql.gz",
                "dashboard-20200101T000000Z.sql.gz.bak", "dashboard-2020.sql.gz", "dashboard-20200101T000000Z.sql",
                "notes.txt", newest(dir), newest(dir) + ".manifest");

        // The newest backup by name is kept however old its file looks (a clock that ran ahead, a copy with an
        // old time): pruning never leaves a schema without its latest backup.
        String first = newest(dir);
        Path future = age(Files.writeString(dir.resolve("dashboard-20991231T235959Z.sql.gz"), "x"), 400);
        Thread.sleep(1100); // a backup name has seconds: the second run gets a name of its own
        env.put("RETENTION_DAYS", "1");
        Run second = run("backup.sh", env);

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).endsWith(" pruned=1\n"); // dashboard-20200103, 6 days old
        assertThat(names(dir).stream().filter(n -> BackupScripts.schemaOf(n).orElse("").equals(SCHEMA)))
                .containsExactlyInAnyOrder(first, onlyNew(second), future.getFileName().toString());
    }

    /**
     * Backups that stopped for weeks: when they run again, retention still leaves the KEEP_NEWEST newest, however
     * old (the one just written counts among them).
     */
    @Test
    void pruningKeepsTheNewestFewWhateverTheirAge() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("keep-newest"));
        for (String day : List.of("01", "02", "03", "04")) {
            age(Files.writeString(dir.resolve("dashboard-202001" + day + "T000000Z.sql.gz"), "x"), 60);
        }
        Map<String, String> env = backupEnv(dir);
        env.put("RETENTION_DAYS", "7");
        env.put("KEEP_NEWEST", "3");

        Run run = run("backup.sh", env);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith(" pruned=2\n");
        assertThat(names(dir)).containsExactlyInAnyOrder("dashboard-20200103T000000Z.sql.gz",
                "dashboard-20200104T000000Z.sql.gz", onlyNew(run), onlyNew(run) + ".manifest");

        env.put("KEEP_NEWEST", "0");
        assertThat(run("backup.sh", env).exit()).isEqualTo(BackupScripts.EXIT_BAD_CONFIGURATION);
    }

    @Test
    void restoreRefusesANonEmptySchemaAndChangesNothing() throws Exception {
        Path file = backupFile("refuse");
        target.sql("CREATE DATABASE occupied; CREATE TABLE occupied.keep_me (id INT PRIMARY KEY, v VARCHAR(10));"
                + "INSERT INTO occupied.keep_me VALUES (1, 'mine');"
                + "CREATE DATABASE routines_only; CREATE PROCEDURE routines_only.p() SELECT 1;");

        Run run = run("restore.sh", dbEnv(target, "occupied"), file.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(BackupScripts.EXIT_NOT_EMPTY);
        assertThat(run.err()).contains("refused", "occupied", "already holds 1 tables, views or routines");
        assertThat(target.sql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'occupied'"))
                .isEqualTo("keep_me\n");
        assertThat(target.sql("SELECT * FROM occupied.keep_me")).isEqualTo("1\tmine\n");

        Run routines = run("restore.sh", dbEnv(target, "routines_only"), file.toString());

        assertThat(routines.exit()).as(routines.toString()).isEqualTo(BackupScripts.EXIT_NOT_EMPTY);
        assertThat(target.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'routines_only'"))
                .isEqualTo("0");
    }

    /** A truncated file, or a complete gzip of a truncated dump, is refused before the database is touched. */
    @Test
    void restoreRefusesAnIncompleteBackupBeforeTouchingTheDatabase() throws Exception {
        Path file = backupFile("incomplete");
        byte[] gz = Files.readAllBytes(file);
        Path cut = Files.write(temp.resolve("cut.sql.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        String sql = gunzip(file);
        Path truncated = gzip(temp.resolve("truncated.sql.gz"), sql.substring(0, sql.length() * 3 / 4));

        for (Path bad : List.of(cut, truncated)) {
            Run run = run("restore.sh", dbEnv(target, "never_created"), bad.toString());

            assertThat(run.exit()).as("the backup's fault: " + run).isEqualTo(BackupScripts.EXIT_REJECTED);
            assertThat(run.err()).contains("nothing restored");
            assertThat(target.value("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = "
                    + "'never_created'")).isEqualTo("0");
        }
    }

    // --- replacing a repository (RESTORE_REPLACE) ---------------------------------------------------------------

    /** A target schema holding the repository with changes since (rows gone), and a backup of it taken now. */
    Path existingRepository(String schema) throws Exception {
        target.sql("GRANT ALL ON `" + schema + "`.* TO 'pi'@'%';");
        Run load = run("restore.sh", dbEnv(target, schema), backupFile(schema + "-source").toString());
        assertThat(load.exit()).as(load.toString()).isZero();
        target.sql("DELETE FROM `" + schema + "`.mis_audit_log WHERE id > 6000;");
        Map<String, String> env = dbEnv(target, schema);
        env.put("BACKUP_DIR", temp.resolve("rollback-" + schema).toString());
        Run backup = run("backup.sh", env);
        assertThat(backup.exit()).as(backup.toString()).isZero();
        return onlyBackup(temp.resolve("rollback-" + schema));
    }

    Map<String, String> replaceEnv(String schema, Path rollback) {
        Map<String, String> env = dbEnv(target, schema);
        env.put("RESTORE_REPLACE", "true");
        env.put("ROLLBACK_SOURCE", rollback.toString());
        return env;
    }

    @Test
    void replaceRestoresOverTheRepositoryThere() throws Exception {
        Path rollback = existingRepository("replace_ok");
        assertThat(tableStats(target, "replace_ok")).isNotEqualTo(tableStats(source, SCHEMA));
        String charset = "SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME)"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'replace_ok'";
        String before = target.value(charset);

        Run replace = run("restore.sh", replaceEnv("replace_ok", rollback), backupFile("replace-ok").toString());

        assertThat(replace.exit()).as(replace.toString()).isZero();
        assertThat(tableStats(target, "replace_ok")).isEqualTo(tableStats(source, SCHEMA));
        assertThat(target.value(charset)).as("its own character set and collation kept").isEqualTo(before);
        assertRoutinesAndTriggerWork("replace_ok", "pi@%");
    }

    /** A backup the server refuses halfway: the schema is emptied again and the previous repository put back. */
    @Test
    void aReplaceThatFailsPutsThePreviousRepositoryBack() throws Exception {
        Path rollback = existingRepository("replace_fails");
        Map<String, TableStats> before = tableStats(target, "replace_fails");
        String sql = gunzip(backupFile("replace-fails"));
        int end = sql.lastIndexOf("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;");
        Path failing = gzip(temp.resolve("failing.sql.gz"), sql.substring(0, end)
                + "INSERT INTO no_such_table VALUES (1);\n" + sql.substring(end));

        Run replace = run("restore.sh", replaceEnv("replace_fails", rollback), failing.toString());

        assertThat(replace.exit()).as(replace.toString()).isEqualTo(5);
        assertThat(replace.err()).contains("the previous repository was put back");
        assertThat(tableStats(target, "replace_fails")).isEqualTo(before);
        assertRoutinesAndTriggerWork("replace_fails", "pi@%");
    }

    /**
     * The outcome line the operator reads: Restored; RolledBack after a failure put back; Untouched when the user may
     * not drop (nothing was changed, so Pi may start again).
     */
    @Test
    void theOutcomeLineSaysWhatTheRepositoryHolds() throws Exception {
        Path rollback = existingRepository("replace_outcome");
        Path result = temp.resolve("restore-result");
        Map<String, String> env = replaceEnv("replace_outcome", rollback);
        env.put("RESULT_FILE", result.toString());

        assertThat(run("restore.sh", env, backupFile("outcome").toString()).exit()).isZero();
        assertThat(Files.readString(result)).startsWith("restore: result=Restored ");

        target.sql(createUser("nodrop", "no-drop-pw") + "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX, ALTER"
                + " ON `replace_outcome`.* TO 'nodrop'@'%';");
        Map<String, TableStats> before = tableStats(target, "replace_outcome");
        env.put("DB_USER", "nodrop");
        env.put("DB_PASSWORD", "no-drop-pw");
        Run refused = run("restore.sh", env, backupFile("outcome-nodrop").toString());

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(refused.err()).contains("needs DROP");
        assertThat(Files.readString(result)).startsWith("restore: result=Untouched ");
        assertThat(tableStats(target, "replace_outcome")).isEqualTo(before);
    }

    /** Neither a damaged backup nor an unusable way back touches the repository there. */
    @Test
    void aReplaceThatCannotSucceedTouchesNothing() throws Exception {
        Path rollback = existingRepository("replace_refused");
        Map<String, TableStats> before = tableStats(target, "replace_refused");
        Path good = backupFile("replace-refused");
        byte[] gz = Files.readAllBytes(good);
        Path cut = Files.write(temp.resolve("replace-cut.sql.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Path changed = Files.copy(good, temp.resolve("replace-changed.sql.gz"));
        Files.writeString(Path.of(changed + ".manifest"), Files.readString(Path.of(good + ".manifest"))
                .replaceAll("(?m)^sha256 .*$", "sha256 " + "0".repeat(64)));
        Path unusableRollback = Files.write(temp.resolve("rollback-cut.sql.gz"), java.util.Arrays.copyOf(gz, 100));

        assertThat(run("restore.sh", replaceEnv("replace_refused", rollback), cut.toString()).exit())
                .isEqualTo(BackupScripts.EXIT_REJECTED);
        Run checksum = run("restore.sh", replaceEnv("replace_refused", rollback), changed.toString());
        assertThat(checksum.exit()).as(checksum.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(checksum.err()).contains("checksum");
        Run noWayBack = run("restore.sh", replaceEnv("replace_refused", unusableRollback), good.toString());
        assertThat(noWayBack.exit()).as(noWayBack.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(noWayBack.err()).contains("the backup to put back on failure");
        Map<String, String> withoutRollback = dbEnv(target, "replace_refused");
        withoutRollback.put("RESTORE_REPLACE", "true");
        assertThat(run("restore.sh", withoutRollback, good.toString()).exit()).isEqualTo(BackupScripts.EXIT_BAD_CONFIGURATION);

        assertThat(tableStats(target, "replace_refused")).isEqualTo(before);
    }

    /**
     * Another user without SUPER / SET USER (as on RDS) restores into a new schema: DEFINERs are dropped, so the
     * trigger and routines are theirs and work. Keeping them fails, non-zero, and says the schema is half done.
     */
    @Test
    void restoreAsAnotherUserIntoANewSchema() throws Exception {
        Path file = backupFile("copy");
        Map<String, String> env = dbEnv(target, "dashboard_copy");
        env.put("DB_USER", RESTORER);
        env.put("DB_PASSWORD", RESTORER_PASSWORD);

        Run run = run("restore.sh", env, file.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        System.out.printf("restore from a local file: %d ms%n", run.millis());
        assertThat(tableStats(target, "dashboard_copy")).isEqualTo(tableStats(source, SCHEMA));
        assertRoutinesAndTriggerWork("dashboard_copy", "restorer@%");

        // Keeping the DEFINERs: through S3 this time, with the last aws CLI (v2 where the round trip used v1).
        // (Not the SDK's putObject: moto 5.1.1 stores its aws-chunked, checksum-trailed body as sent.)
        List<Path> clis = new ArrayList<>(awsClis().values());
        Map<String, String> keep = awsEnv(clis.get(clis.size() - 1));
        keep.put("BUCKET", BUCKET);
        keep.put("PREFIX", "restore-test");
        Run upload = run("upload.sh", keep, file.toString());
        assertThat(upload.exit()).as(upload.toString()).isZero();
        String key = "restore-test/" + file.getFileName();
        keep.putAll(env);
        keep.put("DB_SCHEMA", "dashboard_keep");
        keep.put("RESTORE_KEEP_DEFINERS", "true");
        keep.put("RESTORE_SOURCE", "s3://" + BUCKET + "/" + key);
        Run kept = run("restore.sh", keep);

        assertThat(kept.exit()).as(kept.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(kept.err()).contains("SUPER, SET USER", "partial restore");
        assertThat(kept.out()).isEmpty();
        assertThat(kept.err()).doesNotContain("INSERT INTO"); // failed statements are not echoed into the log
    }

    /**
     * Backups that outlive the stack and the region: a second copy in a bucket of another region, each encrypted
     * with its own KMS key and locked (S3 Object Lock, governance mode) for the days asked.
     */
    @Test
    void aBackupIsCopiedToAnotherRegionEncryptedAndLocked() throws Exception {
        Path file = backupFile("second-destination");
        Map<String, String> env = awsEnv(awsClis().values().iterator().next());
        String primary = "panstack-locked-primary";
        String copy = "panstack-locked-copy";
        String otherRegion = "us-west-2";
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket(primary).objectLockEnabledForBucket(true)
                    .createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION)));
        }
        aws(env, "--region", otherRegion, "s3api", "create-bucket", "--bucket", copy, "--object-lock-enabled-for-bucket",
                "--create-bucket-configuration", "LocationConstraint=" + otherRegion);
        String key = aws(env, "kms", "create-key", "--query", "KeyMetadata.Arn", "--output", "text");
        String copyKey = aws(env, "--region", otherRegion, "kms", "create-key", "--query", "KeyMetadata.Arn",
                "--output", "text");
        env.putAll(Map.of("BUCKET", primary, "PREFIX", "backups", "KMS_KEY_ID", key, "LOCK_MODE", "GOVERNANCE",
                "LOCK_DAYS", "30", "COPY_BUCKET", copy, "COPY_PREFIX", "team-a/bi", "COPY_REGION", otherRegion,
                "COPY_KMS_KEY_ID", copyKey));

        Run upload = run("upload.sh", env, file.toString());

        String name = file.getFileName().toString();
        assertThat(upload.exit()).as(upload.toString()).isZero();
        assertThat(upload.out()).matches("upload: s3://" + primary + "/backups/" + Pattern.quote(name) + " bytes="
                + Files.size(file) + " copy=s3://" + copy + "/team-a/bi/" + Pattern.quote(name) + " seconds=[0-9]+\n");
        Instant lockedAt = Instant.now();
        try (S3Client s3 = s3()) {
            assertThat(s3.getBucketLocation(r -> r.bucket(copy)).locationConstraintAsString()).isEqualTo(otherRegion);
            for (String object : List.of("backups/" + name, "backups/" + name + ".manifest")) {
                var head = s3.headObject(r -> r.bucket(primary).key(object));
                assertThat(head.serverSideEncryptionAsString()).as(object).isEqualTo("aws:kms");
                assertThat(head.ssekmsKeyId()).as(object).contains(key.substring(key.lastIndexOf('/') + 1));
                // HeadObject carries the retention (moto has no GetObjectRetention).
                assertThat(head.objectLockModeAsString()).as(object).isEqualTo("GOVERNANCE");
                assertThat(head.objectLockRetainUntilDate()).isBetween(lockedAt.plus(Duration.ofDays(29)),
                        lockedAt.plus(Duration.ofDays(31)));
            }
            for (String object : List.of("team-a/bi/" + name, "team-a/bi/" + name + ".manifest")) {
                var head = s3.headObject(r -> r.bucket(copy).key(object));
                assertThat(head.ssekmsKeyId()).as(object).contains(copyKey.substring(copyKey.lastIndexOf('/') + 1));
                assertThat(head.objectLockModeAsString()).as(object).isEqualTo("GOVERNANCE");
            }
            assertThat(s3.getObjectAsBytes(r -> r.bucket(copy).key("team-a/bi/" + name)).asByteArray())
                    .isEqualTo(Files.readAllBytes(file));
            // Locked: its version cannot be deleted (the operator's pruning only adds a delete marker).
            String version = s3.headObject(r -> r.bucket(primary).key("backups/" + name)).versionId();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(primary)
                    .key("backups/" + name).versionId(version)))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        }
    }

    /** A lock asked for on a bucket without Object Lock fails the upload, loudly: a backup is never silently unlocked. */
    @Test
    void aLockTheBucketCannotHoldFailsTheUpload() throws Exception {
        Map<String, String> env = awsEnv(awsClis().values().iterator().next());
        env.putAll(Map.of("BUCKET", BUCKET, "PREFIX", "unlockable", "LOCK_MODE", "COMPLIANCE", "LOCK_DAYS", "7"));

        Run upload = run("upload.sh", env, backupFile("unlockable").toString());

        assertThat(upload.exit()).as(upload.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(upload.err()).contains("cannot be locked", "Object Lock");
    }

    /** The aws CLI aimed at moto, its one line of output. */
    static String aws(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", env.get("AWS_ENDPOINT_URL")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(String.join(" ", args) + ": " + err).isZero();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void uploadFailsWhenTheBucketIsMissing() throws Exception {
        Path file = backupFile("no-bucket");
        Map<String, String> env = awsEnv(awsClis().values().iterator().next());
        env.put("BUCKET", "panstack-no-such-bucket");

        Run run = run("upload.sh", env, file.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(BackupScripts.EXIT_FAILED);
        assertThat(run.err()).contains("failed");
    }

    // ---------------------------------------------------------------------------------------------------------------

    // --- verification -----------------------------------------------------------------------------------------------

    /**
     * verify.sh takes the newest backup in a directory, restores it into a MariaDB server it starts itself and checks
     * it against its manifest; the server and its data are gone afterwards, and the stack's servers are untouched.
     */
    @Test
    void verificationRestoresTheNewestBackupIntoAServerOfItsOwn() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("verify-newest"));
        Path taken = backupFile("verify-newest-source");
        Path backup = Files.copy(taken, dir.resolve(backupName("20261130T020000Z")));
        Files.copy(Path.of(taken + ".manifest"), Path.of(backup + ".manifest"));
        Files.writeString(dir.resolve(backupName("20261129T020000Z")), "not a backup: an older name is never chosen");
        Map<String, TableStats> before = tableStats(source, SCHEMA);
        Path tmp = Files.createDirectories(temp.resolve("verify-tmp"));
        Path result = temp.resolve("verify-result");
        Map<String, String> env = verifyEnv(tmp);
        env.put("RESULT_FILE", result.toString());

        Run verify = run("verify.sh", env, dir.toString());

        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).matches("verify: backup=" + Pattern.quote(backup.getFileName().toString())
                + " result=Passed tables=6 rows=" + rows + " routines=2 triggers=1 views=1 seconds=[0-9]+\n");
        assertThat(Files.readString(result)).isEqualTo(verify.out());
        assertThat(tmp).as("the scratch server's data is gone").isEmptyDirectory();
        assertThat(processes()).as("the scratch server is stopped")
                .noneMatch(p -> p.commandLine().contains(tmp.toString()));
        assertThat(tableStats(source, SCHEMA)).isEqualTo(before);
        System.out.printf("verify: %d rows restored and checked in %d ms%n", rows, verify.millis());
    }

    /**
     * A dump is data from wherever it was stored. One carrying a client shell command is refused before anything is
     * loaded, and nothing runs.
     */
    @Test
    void aDumpWithAClientCommandIsRefusedAndRunsNothing() throws Exception {
        Path marker = temp.resolve("shell-ran");
        String sql = gunzip(backupFile("client-command"));
        Path crafted = gzip(temp.resolve("crafted.sql.gz"), "\\! touch " + marker + "\n" + sql);

        Run restore = run("restore.sh", dbEnv(target, "never_created"), crafted.toString());

        assertThat(restore.exit()).as(restore.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(restore.err()).contains("client commands");
        assertThat(marker).doesNotExist();
    }

    /**
     * The verification's scratch server lets a crafted dump write no files (secure_file_priv): such a backup fails
     * verification, and the file is not there.
     */
    @Test
    void aCraftedBackupCannotWriteFilesFromTheScratchServer() throws Exception {
        Path written = temp.resolve("written-by-sql");
        String sql = gunzip(backupFile("outfile"));
        int end = sql.lastIndexOf("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;");
        Path crafted = gzip(temp.resolve("dashboard-20261130T020000Z.sql.gz"), sql.substring(0, end)
                + "SELECT 'x' INTO OUTFILE '" + written + "';\n" + sql.substring(end));

        Run verify = run("verify.sh", verifyEnv(temp), crafted.toString());

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(verify.out()).contains("result=Failed it does not restore");
        assertThat(written).doesNotExist();
    }

    /** A name dated far ahead (planted, or a clock gone wrong) is never taken for the newest backup. */
    @Test
    void aBackupDatedInTheFutureIsNotTheOneVerified() throws Exception {
        Path dir = backupFile("verify-future").getParent();
        Files.writeString(dir.resolve(backupName("20991231T235959Z")), "planted");

        Run verify = run("verify.sh", verifyEnv(temp), dir.toString());

        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).doesNotContain("2099");
    }

    /** The verify container exactly as VerifyJobs builds it (its script and environment), its paths moved here. */
    @Test
    void theVerificationJobsContainerVerifiesAsBuilt() throws Exception {
        Path backups = backupFile("verify-as-built").getParent();
        Path work = Files.createDirectories(temp.resolve("verify-as-built-work"));
        Path terminationLog = temp.resolve("verify-as-built-termination-log");
        io.fabric8.kubernetes.api.model.Container container = VerifyJobs.jobSpec(VerifyJobsTest.IN_CLUSTER,
                BackupJobs.Target.volume()).getTemplate().getSpec().getContainers().get(0);
        Path script = Files.writeString(scripts.resolve("verify-container.sh"), container.getCommand().get(2));
        Map<String, String> env = baseEnv();
        for (io.fabric8.kubernetes.api.model.EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue().equals(VerifyJobs.BACKUPS_PATH) ? backups.toString()
                    : var.getValue().equals(VerifyJobs.WORK_PATH) ? work.toString()
                    : var.getValue().equals(io.panstack.operator.kube.JobMessages.TERMINATION_LOG) ? terminationLog.toString() : var.getValue());
        }
        env.put("SCRATCH_PORT", Integer.toString(MariaDbServer.freePort())); // the pod's own 3306 is not ours here

        Run verify = run(script.getFileName().toString(), env);

        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(Files.readString(terminationLog)).startsWith("verify: backup=").contains("result=Passed tables=6");
    }

    @Test
    void aBackupChangedAfterItWasTakenFailsVerification() throws Exception {
        Path backup = backupFile("verify-changed");
        byte[] bytes = Files.readAllBytes(backup);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(backup, bytes);

        Run verify = run("verify.sh", verifyEnv(temp), backup.toString());

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(verify.out()).startsWith("verify: backup=" + backup.getFileName() + " result=Failed ")
                .contains("checksum");
    }

    /** Cut short and its manifest made to match (or without one): the restore itself refuses it. */
    @Test
    void aTruncatedBackupFailsVerification() throws Exception {
        Path backup = backupFile("verify-truncated");
        byte[] bytes = Files.readAllBytes(backup);
        Files.write(backup, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path manifest = Path.of(backup + ".manifest");
        Files.writeString(manifest, Files.readString(manifest).replaceAll("(?m)^sha256 .*$", "sha256 "
                + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(backup)))));

        Run verify = run("verify.sh", verifyEnv(temp), backup.toString());

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(verify.out()).contains("result=Failed it does not restore");

        Files.delete(manifest);
        Run withoutManifest = run("verify.sh", verifyEnv(temp), backup.toString());
        assertThat(withoutManifest.exit()).as(withoutManifest.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
    }

    /** A restore that gives back other rows or lacks a routine than the dump held is no good backup. */
    @Test
    void rowsOrRoutinesMissingAfterTheRestoreFailVerification() throws Exception {
        Path backup = backupFile("verify-counts");
        Path manifest = Path.of(backup + ".manifest");
        String original = Files.readString(manifest);
        long users = manifestRows(backup).get("mis_user");
        Files.writeString(manifest, original.replace("table " + users + " mis_user", "table " + (users + 1) + " mis_user"));

        Run rowsWrong = run("verify.sh", verifyEnv(temp), backup.toString());

        assertThat(rowsWrong.exit()).as(rowsWrong.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(rowsWrong.out()).contains("table mis_user has " + users + " rows after the restore, the dump held "
                + (users + 1));

        Files.writeString(manifest, original + "function lostRoutine\n");
        Run routineMissing = run("verify.sh", verifyEnv(temp), backup.toString());

        assertThat(routineMissing.exit()).as(routineMissing.toString()).isEqualTo(BackupScripts.EXIT_REJECTED);
        assertThat(routineMissing.out()).contains("the function lostRoutine is missing after the restore");
    }

    /** The verification Job's way with a bucket: download.sh fetches the newest backup and its manifest. */
    @Test
    void theNewestBackupInABucketIsDownloadedWithItsManifestAndVerified() throws Exception {
        Path local = backupFile("verify-s3");
        Map<String, String> aws = awsEnv(awsClis().values().iterator().next());
        aws.put("BUCKET", BUCKET);
        aws.put("PREFIX", "verify-s3");
        assertThat(run("upload.sh", aws, local.toString()).exit()).isZero();
        try (S3Client s3 = s3()) { // an older backup, without a manifest: never the one chosen
            s3.putObject(r -> r.bucket(BUCKET).key("verify-s3/" + backupName("20200101T000000Z")),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("old"));
        }
        Path downloads = Files.createDirectories(temp.resolve("verify-s3-downloads"));
        aws.put("DOWNLOAD_SOURCE", "s3://" + BUCKET + "/verify-s3/");
        aws.put("DOWNLOAD_TARGET", downloads.toString());
        aws.put("DB_SCHEMA", SCHEMA);

        Run download = run("download.sh", aws);

        assertThat(download.exit()).as(download.toString()).isZero();
        assertThat(names(downloads)).containsExactlyInAnyOrder(local.getFileName().toString(),
                local.getFileName() + ".manifest");
        Run verify = run("verify.sh", verifyEnv(temp), downloads.toString());
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("result=Passed tables=6 rows=" + rows);
    }

    static String backupName(String stamp) {
        return SCHEMA + "-" + stamp + ".sql.gz";
    }

    static Map<String, String> verifyEnv(Path tmp) {
        Map<String, String> env = baseEnv();
        env.put("DB_SCHEMA", SCHEMA);
        env.put("RESTORE_SCRIPT", BackupScripts.restoreScript());
        env.put("SCRATCH_PORT", Integer.toString(MariaDbServer.freePort()));
        env.put("TMPDIR", tmp.toString());
        return env;
    }

    private void assertRoutinesAndTriggerWork(String schema, String definer) {
        assertThat(target.sql("SELECT ROUTINE_TYPE, ROUTINE_NAME, DEFINER FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = '" + schema + "' ORDER BY ROUTINE_NAME"))
                .isEqualTo("FUNCTION\tchartsInCategory\t" + definer + "\nPROCEDURE\ttouchTable\t" + definer + "\n");
        assertThat(target.sql("SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING, DEFINER "
                + "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + schema + "'"))
                .isEqualTo("recordTableInteraction\tINSERT\tmis_chart\tAFTER\t" + definer + "\n");
        assertThat(target.value("SELECT COUNT(*) FROM `" + schema + "`.mis_chart_summary"))
                .isEqualTo(source.value("SELECT COUNT(*) FROM dashboard.mis_chart_summary"));
        assertThat(target.value("SELECT `" + schema + "`.chartsInCategory(7)"))
                .isEqualTo(source.value("SELECT dashboard.chartsInCategory(7)")).isEqualTo("60");

        // The trigger fires after the restore: one more chart, one more interaction.
        String interactions = "SELECT interactions FROM `" + schema + "`.mis_last_table_interactions "
                + "WHERE table_name = 'mis_chart'";
        long before = Long.parseLong(target.value(interactions));
        target.sql("INSERT INTO `" + schema + "`.mis_chart (category_id, owner_id, name) VALUES (1, 1, 'after restore');"
                + "CALL `" + schema + "`.touchTable('mis_user');");
        assertThat(Long.parseLong(target.value(interactions))).isEqualTo(before + 1);
        assertThat(target.value("SELECT interactions FROM `" + schema + "`.mis_last_table_interactions "
                + "WHERE table_name = 'mis_user'")).isEqualTo("1");
    }

    record TableStats(long rows, String checksum) {
    }

    /** Rows and CHECKSUM TABLE of every base table: equal checksums mean equal contents. */
    static Map<String, TableStats> tableStats(MariaDbServer server, String schema) {
        List<String> tables = MariaDbServer.lines(server.sql("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = '" + schema + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"));
        assertThat(tables).isEqualTo(TABLES);
        Map<String, TableStats> stats = new TreeMap<>();
        for (String table : tables) {
            String qualified = "`" + schema + "`.`" + table + "`";
            long count = Long.parseLong(server.value("SELECT COUNT(*) FROM " + qualified));
            String checksum = server.value("CHECKSUM TABLE " + qualified + " EXTENDED").split("\t")[1];
            stats.put(table, new TableStats(count, checksum));
        }
        return stats;
    }

    // --- running the scripts ---------------------------------------------------------------------------------------

    record Run(int exit, String out, String err, long millis) {
        @Override
        public String toString() {
            return "exit " + exit + ", stdout: " + out + ", stderr: " + err;
        }
    }

    private static final Map<Process, Path[]> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<Process, Long> STARTED = new java.util.concurrent.ConcurrentHashMap<>();

    static Run run(String script, Map<String, String> env, String... args) throws Exception {
        return finish(start(script, env, args));
    }

    static Process start(String script, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        OUTPUTS.put(process, new Path[] { out, err });
        STARTED.put(process, started);
        return process;
    }

    static Run finish(Process process) throws Exception {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("script did not finish in 5 minutes");
        }
        long millis = (System.nanoTime() - STARTED.remove(process)) / 1_000_000;
        Path[] outputs = OUTPUTS.remove(process);
        return new Run(process.exitValue(), Files.readString(outputs[0]), Files.readString(outputs[1]), millis);
    }

    static Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", path + ":/usr/sbin:/sbin");
        env.put("HOME", home.toString());
        return env;
    }

    static Map<String, String> dbEnv(MariaDbServer server, String schema) {
        Map<String, String> env = baseEnv();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(server.port()));
        env.put("DB_SCHEMA", schema);
        env.put("DB_USER", USER);
        env.put("DB_PASSWORD", PASSWORD);
        return env;
    }

    static Map<String, String> backupEnv(Path dir) {
        Map<String, String> env = dbEnv(source, SCHEMA);
        env.put("BACKUP_DIR", dir.toString());
        return env;
    }

    /** The mariadb image's awk is mawk, this machine's may be gawk: the manifest counts the same rows with each. */
    @Test
    void theManifestCountsEveryRowWithEachAwk() throws Exception {
        Map<String, Long> counted = new TreeMap<>();
        tableStats(source, SCHEMA).forEach((table, stats) -> counted.put(table, stats.rows()));
        List<String> awks = List.of("mawk", "gawk", "original-awk").stream()
                .filter(awk -> Files.isExecutable(Path.of("/usr/bin", awk))).toList();
        assertThat(awks).as("an awk to try").isNotEmpty();
        for (String awk : awks) {
            Path bin = Files.createDirectories(temp.resolve("awk-" + awk));
            Files.deleteIfExists(bin.resolve("awk"));
            Files.createSymbolicLink(bin.resolve("awk"), Path.of("/usr/bin", awk));
            Path dir = temp.resolve("manifest-" + awk);
            Map<String, String> env = backupEnv(dir);
            env.put("PATH", bin + ":" + env.get("PATH"));

            Run backup = run("backup.sh", env);

            assertThat(backup.exit()).as(awk + ": " + backup).isZero();
            assertThat(manifestRows(onlyBackup(dir))).as(awk).isEqualTo(counted);
        }
    }

    /**
     * Tables mariadb-dump writes differently: one with an invisible column (its INSERTs carry a column list) and a
     * system-versioned one (information_schema calls it SYSTEM VERSIONED, not BASE TABLE). Counted right, and the
     * backup verifies.
     */
    @Test
    void unusualTablesAreCountedAndVerified() throws Exception {
        source.sql("CREATE DATABASE odd_tables; GRANT ALL ON `odd_tables`.* TO 'pi'@'%'; USE odd_tables;\n"
                + "CREATE TABLE hidden (id INT PRIMARY KEY, secret INT INVISIBLE DEFAULT 7, note VARCHAR(20));\n"
                + "INSERT INTO hidden (id, note) VALUES (1, 'a'), (2, 'b), (c'), (3, 'd;');\n"
                + "CREATE TABLE history (id INT) WITH SYSTEM VERSIONING;\n"
                + "INSERT INTO history VALUES (1), (2), (3); DELETE FROM history WHERE id = 3;\n");
        Path dir = temp.resolve("odd-tables");
        Map<String, String> env = dbEnv(source, "odd_tables");
        env.put("BACKUP_DIR", dir.toString());

        Run backup = run("backup.sh", env);

        assertThat(backup.exit()).as(backup.toString()).isZero();
        assertThat(manifestRows(onlyBackup(dir))).containsExactlyInAnyOrderEntriesOf(Map.of("hidden", 3L, "history", 2L));
        Map<String, String> verifyEnv = verifyEnv(temp);
        verifyEnv.put("DB_SCHEMA", "odd_tables");
        Run verify = run("verify.sh", verifyEnv, dir.toString());
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("result=Passed tables=2 rows=5");
    }

    /** A fresh backup of the source in a directory of its own. */
    static Path backupFile(String name) throws Exception {
        Path dir = temp.resolve("backup-" + name);
        Run run = run("backup.sh", backupEnv(dir));
        assertThat(run.exit()).as(run.toString()).isZero();
        return onlyBackup(dir);
    }

    /** The environment of the aws CLI aimed at moto, with exactly this CLI first on the PATH. */
    static Map<String, String> awsEnv(Path cli) throws IOException {
        Path bin = temp.resolve("aws-" + Integer.toHexString(cli.toString().hashCode()));
        if (!Files.exists(bin.resolve("aws"))) {
            Files.createDirectories(bin);
            Files.writeString(bin.resolve("aws"), "#!/bin/sh\nexec '" + cli + "' \"$@\"\n");
            Files.setPosixFilePermissions(bin.resolve("aws"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> env = baseEnv();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.putAll(MOTO.cliEnvironment(home));
        return env;
    }

    private static Map<String, Path> clis;

    /** The aws CLIs installed here, one per major version ("v1", "v2"): the first on the PATH, then Debian's. */
    static synchronized Map<String, Path> awsClis() {
        if (clis == null) {
            clis = new TreeMap<>();
            List<Path> candidates = new ArrayList<>();
            String onPath = MariaDbServer.run(List.of("sh", "-c", "command -v aws"), null).out().strip();
            if (!onPath.isEmpty()) {
                candidates.add(Path.of(onPath));
            }
            candidates.add(Path.of("/usr/bin/aws"));
            candidates.add(Path.of("/usr/local/bin/aws"));
            for (Path candidate : candidates) {
                if (!Files.isExecutable(candidate)) {
                    continue;
                }
                String version = MariaDbServer.run(List.of(candidate.toString(), "--version"), null).out();
                Matcher m = Pattern.compile("aws-cli/([0-9]+)\\.").matcher(version);
                if (m.find()) {
                    clis.putIfAbsent("v" + m.group(1), candidate);
                }
            }
        }
        return clis;
    }

    static S3Client s3() {
        return MOTO.client(S3Client.builder().forcePathStyle(true));
    }

    // --- watching the dump -----------------------------------------------------------------------------------------

    record ProcessInfo(long pid, String commandLine, String environment) {
    }

    /** Every process's arguments (NULs as spaces) and environment, from /proc, as ps reads them. */
    static List<ProcessInfo> processes() throws IOException {
        List<ProcessInfo> result = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path p : proc.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String args = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    String environ = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8)
                            .replace('\0', '\n');
                    result.add(new ProcessInfo(Long.parseLong(p.getFileName().toString()), args, environ));
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return result;
    }

    /** Waits until the dump's connection waits for the table lock; returns its connection id. */
    static String awaitDumpWaitingForLock(Process backup) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!backup.isAlive()) {
                throw new AssertionError("backup ended early: " + finish(backup));
            }
            String id = source.value("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'pi' "
                    + "AND STATE = 'Waiting for table metadata lock'");
            if (!id.isEmpty()) {
                return id;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the dump never waited for the lock");
    }

    static void awaitPartialContent(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.toFile().length() > 0)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the partial dump never got content");
    }

    // --- small helpers ---------------------------------------------------------------------------------------------

    static String createUser(String user, String password) {
        return "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "\\'")
                + "';\n";
    }

    /** The password as it stands in the option file. */
    static String escaped(String password) {
        return password.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String option(String commandLine, String option) {
        Matcher m = Pattern.compile(Pattern.quote(option) + "=(\\S+)").matcher(commandLine);
        assertThat(m.find()).as(option + " in " + commandLine).isTrue();
        return m.group(1);
    }

    /** The one backup in dir, which holds nothing else but its manifest. */
    static Path onlyBackup(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            assertThat(all).as("files in " + dir).hasSize(2);
            assertThat(all.get(1).getFileName().toString()).isEqualTo(all.get(0).getFileName() + ".manifest");
            return all.get(0);
        }
    }

    /** A manifest's "table <rows> <name>" lines, as name -> rows. */
    static Map<String, Long> manifestRows(Path backup) throws IOException {
        Map<String, Long> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(backup + ".manifest"))) {
            if (line.startsWith("table ")) {
                String[] parts = line.split(" ", 3);
                rows.put(parts[2], Long.parseLong(parts[1]));
            }
        }
        return rows;
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }

    /** The newest backup of the schema by name (name order is time order). */
    static String newest(Path dir) throws IOException {
        return names(dir).stream().filter(n -> BackupScripts.schemaOf(n).orElse("").equals(SCHEMA)).sorted()
                .reduce((a, b) -> b).orElseThrow();
    }

    static Path age(Path file, int days) throws IOException {
        if (Files.exists(file)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(days))));
        }
        return file;
    }

    static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static Path gzip(Path file, String text) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** The file a backup run wrote, from its summary line. */
    static String onlyNew(Run run) {
        Matcher m = Pattern.compile("file=(\\S+)").matcher(run.out());
        assertThat(m.find()).as(run.toString()).isTrue();
        return Path.of(m.group(1)).getFileName().toString();
    }
}
