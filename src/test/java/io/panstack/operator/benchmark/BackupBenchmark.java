package io.panstack.operator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.panstack.operator.backup.BackupScripts;
import io.panstack.operator.testsupport.MariaDbServer;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.PiRepository;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Recovery point and recovery time, measured: for the test repository (PiRepository, ~15,600 rows) and at 10 and 100
 * times its size, the backup (backup.sh: dump, compress, check, manifest), its size, the upload to S3 (moto), a
 * restore into an empty schema from the volume and from S3 (restore.sh, download included), an in-place restore over
 * the repository there (a safety backup, then restore.sh RESTORE_REPLACE, as PanStackRestore runs them), and a verification
 * (verify.sh: its own scratch server, restore, checks). The real scripts, MariaDB servers and aws CLI the tests use;
 * prints figures, asserts only that each step worked.
 *
 * <pre>./mvnw -Pbenchmark verify -Dtest=BackupBenchmark [-Dbenchmark.backupSizes=1,10,100]</pre>
 */
@Tag("benchmark")
class BackupBenchmark {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();
    static final String SCHEMA = "dashboard";
    static final String PASSWORD = "bench-pw";
    static final String BUCKET = "panstack-backup-benchmark";

    @TempDir
    Path temp;

    record Figures(int factor, long rows, long dumpBytes, long backupMillis, long uploadMillis, long restoreVolumeMillis,
            long restoreS3Millis, long inPlaceMillis, long verifyMillis) {
    }

    @Test
    void backupRestoreAndVerifyAtThreeSizes() throws Exception {
        MariaDbServer.ensureInstalled();
        Path scripts = Files.createDirectories(temp.resolve("scripts"));
        for (Map.Entry<String, String> script : BackupScripts.all().entrySet()) {
            Files.writeString(scripts.resolve(script.getKey()), script.getValue());
        }
        try (S3Client s3 = MOTO.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(r -> r.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION)));
        }
        List<Figures> all = new ArrayList<>();
        for (String size : System.getProperty("benchmark.backupSizes", "1,10,100").split(",")) {
            int factor = Integer.parseInt(size.strip());
            try (MariaDbServer source = MariaDbServer.start(temp.resolve("source-" + factor));
                    MariaDbServer target = MariaDbServer.start(temp.resolve("target-" + factor))) {
                all.add(round(factor, scripts, source, target));
            }
            print(all);
        }
    }

    private Figures round(int factor, Path scripts, MariaDbServer source, MariaDbServer target) throws Exception {
        String login = "CREATE USER 'pi'@'%' IDENTIFIED BY '" + PASSWORD + "'; GRANT ALL ON *.* TO 'pi'@'%';\n";
        source.sql(login + PiRepository.SQL + scaled(factor));
        target.sql(login);
        long rows = 0;
        for (String table : MariaDbServer.lines(source.sql("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + SCHEMA + "' AND TABLE_TYPE = 'BASE TABLE'"))) {
            rows += Long.parseLong(source.value("SELECT COUNT(*) FROM `" + SCHEMA + "`.`" + table + "`"));
        }
        Path dir = Files.createDirectories(temp.resolve("backups-" + factor));
        Map<String, String> dump = db(source, SCHEMA);
        dump.put("BACKUP_DIR", dir.toString());
        Timed backup = run(scripts, "backup.sh", dump);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(f -> f.toString().endsWith(".sql.gz")).findFirst().orElseThrow();
        }
        Map<String, String> aws = aws();
        aws.put("BUCKET", BUCKET);
        aws.put("PREFIX", "size-" + factor);
        Timed upload = run(scripts, "upload.sh", aws, file.toString());
        Timed fromVolume = run(scripts, "restore.sh", db(target, "from_volume"), file.toString());
        Map<String, String> fromBucket = db(target, "from_s3");
        fromBucket.putAll(aws());
        fromBucket.put("TMPDIR", Files.createDirectories(temp.resolve("download-" + factor)).toString());
        Timed fromS3 = run(scripts, "restore.sh", fromBucket, "s3://" + BUCKET + "/size-" + factor + "/" + file.getFileName());
        // In place (PanStackRestore's Jobs): a safety backup of the repository there, then the replacement.
        Path safetyDir = Files.createDirectories(temp.resolve("safety-" + factor));
        Map<String, String> safetyEnv = db(target, "from_volume");
        safetyEnv.put("BACKUP_DIR", safetyDir.toString());
        Timed safety = run(scripts, "backup.sh", safetyEnv);
        Path safetyFile;
        try (var files = Files.list(safetyDir)) {
            safetyFile = files.filter(f -> f.toString().endsWith(".sql.gz")).findFirst().orElseThrow();
        }
        Map<String, String> replace = db(target, "from_volume");
        replace.put("RESTORE_REPLACE", "true");
        replace.put("ROLLBACK_SOURCE", safetyFile.toString());
        Timed replaced = run(scripts, "restore.sh", replace, file.toString());
        Map<String, String> verify = base();
        verify.put("DB_SCHEMA", SCHEMA);
        verify.put("RESTORE_SCRIPT", Files.readString(scripts.resolve("restore.sh")));
        verify.put("SCRATCH_PORT", Integer.toString(MariaDbServer.freePort()));
        verify.put("TMPDIR", Files.createDirectories(temp.resolve("verify-" + factor)).toString());
        Timed verified = run(scripts, "verify.sh", verify, file.toString());
        assertThat(verified.output()).contains("result=Passed", "rows=" + rows);
        return new Figures(factor, rows, Files.size(file), backup.millis(), upload.millis(), fromVolume.millis(),
                fromS3.millis(), safety.millis() + replaced.millis(), verified.millis());
    }

    /** The test repository's two big tables copied factor - 1 more times (new ids; the trigger fires as in Pi). */
    static String scaled(int factor) {
        if (factor <= 1) {
            return "";
        }
        return "INSERT INTO mis_chart (category_id, owner_id, name, definition, thumbnail, updated)"
                + " SELECT category_id, owner_id, name, definition, thumbnail, updated FROM mis_chart, seq_1_to_"
                + (factor - 1) + " WHERE id <= 3000;\n"
                + "INSERT INTO mis_audit_log (user_id, action, detail, at, amount, ratio)"
                + " SELECT user_id, action, detail, at, amount, ratio FROM mis_audit_log, seq_1_to_" + (factor - 1)
                + " WHERE id <= 12000;\n";
    }

    static void print(List<Figures> all) {
        System.out.println();
        System.out.println("Backup, restore and verification on this machine (MariaDB 10.11, moto as S3; seconds):");
        System.out.printf("%-6s %10s %12s %8s %8s %16s %16s %10s %8s%n", "size", "rows", "backup MB", "backup",
                "upload", "restore volume", "restore S3", "in place", "verify");
        for (Figures f : all) {
            System.out.printf("%-6s %10d %12.1f %8.1f %8.1f %16.1f %16.1f %10.1f %8.1f%n", f.factor() + "x", f.rows(),
                    f.dumpBytes() / 1e6, f.backupMillis() / 1e3, f.uploadMillis() / 1e3, f.restoreVolumeMillis() / 1e3,
                    f.restoreS3Millis() / 1e3, f.inPlaceMillis() / 1e3, f.verifyMillis() / 1e3);
        }
    }

    record Timed(long millis, String output) {
    }

    private Timed run(Path scripts, String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.MINUTES)).as(script + " finished").isTrue();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(process.exitValue()).as(script + ": " + Files.readString(err)).isZero();
        return new Timed(millis, Files.readString(out));
    }

    private Map<String, String> base() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin") + ":/usr/sbin:/sbin");
        env.put("HOME", temp.toString());
        return env;
    }

    private Map<String, String> db(MariaDbServer server, String schema) throws IOException {
        Map<String, String> env = base();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(server.port()));
        env.put("DB_SCHEMA", schema);
        env.put("DB_USER", "pi");
        env.put("DB_PASSWORD", PASSWORD);
        return env;
    }

    private Map<String, String> aws() {
        Map<String, String> env = base();
        env.putAll(MOTO.cliEnvironment(temp));
        return env;
    }
}
