package io.panstack.operator.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panstack.operator.kube.ShellScript;

/**
 * The logical backup of a stack's repository database: three POSIX shell scripts the backup and restore Jobs run,
 * their environment and exit codes, and the backup file name. The scripts are resources beside this class:
 * <ul>
 * <li>{@value #BACKUP}: the vendor's dump (panintelligence.md 6: {@code --single-transaction --routines --triggers
 * --skip-comments} of the one schema), gzip-compressed, verified and renamed into place; optional pruning. Runs
 * where {@code mariadb-dump} is (the mariadb image).</li>
 * <li>{@value #UPLOAD}: {@code aws s3 cp} of the finished file to {@code s3://BUCKET/PREFIX/<file>}, size checked.
 * Runs in the aws-cli image, sharing a volume with the dump.</li>
 * <li>{@value #RESTORE}: a backup (local or s3://) into an empty schema only; exit {@value #EXIT_NOT_EMPTY}
 * otherwise.</li>
 * <li>{@value #VERIFY}: restores a backup (the newest in a directory) into a private MariaDB server it starts and
 * stops itself, and checks it against the manifest backup.sh writes beside each backup; exit
 * {@value #EXIT_REJECTED} when the backup fails.</li>
 * </ul>
 * Run each with {@code /bin/sh <script>}. The password reaches them only through {@link #DB_PASSWORD_FILE} (a
 * mounted Secret; preferred) or {@link #DB_PASSWORD}; the scripts hand it to the client in a private option file,
 * never on a command line.
 */
public final class BackupScripts {
    public static final String BACKUP = "backup.sh";
    static final String UPLOAD = "upload.sh";
    static final String RESTORE = "restore.sh";
    static final String DOWNLOAD = "download.sh";
    static final String VERIFY = "verify.sh";

    // Environment of the scripts.
    static final String DB_HOST = "DB_HOST";
    /** Default 3306. */
    static final String DB_PORT = "DB_PORT";
    static final String DB_SCHEMA = "DB_SCHEMA";
    static final String DB_USER = "DB_USER";
    /** A file holding the password (trailing newlines ignored). Wins over {@link #DB_PASSWORD}. */
    static final String DB_PASSWORD_FILE = "DB_PASSWORD_FILE";
    static final String DB_PASSWORD = "DB_PASSWORD";
    /** Backup: where the file is written. Upload: where it is found when not given as an argument. */
    static final String BACKUP_DIR = "BACKUP_DIR";
    /** Backup, optional: prune this schema's backups in {@link #BACKUP_DIR} older than this many days. */
    public static final String RETENTION_DAYS = "RETENTION_DAYS";
    /** Backup, optional: how many of the newest backups pruning keeps whatever their age (default 1). */
    public static final String KEEP_NEWEST = "KEEP_NEWEST";
    public static final String BUCKET = "BUCKET";
    /** Upload, optional: the key prefix, e.g. "backups". */
    public static final String PREFIX = "PREFIX";
    /** Upload and restore, optional: an S3 endpoint other than AWS's (passed to the CLI as --endpoint-url). */
    static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** Restore: the backup, a path or s3://bucket/key (or the script's first argument). */
    static final String RESTORE_SOURCE = "RESTORE_SOURCE";
    /** Restore: "true" keeps the DEFINER of triggers, routines and views (restoring them needs SUPER / SET USER). */
    static final String RESTORE_KEEP_DEFINERS = "RESTORE_KEEP_DEFINERS";
    /** Restore: where an s3:// backup is downloaded to (a volume with room for it; default /tmp). */
    static final String TMPDIR = "TMPDIR";

    // Exit codes shared by the scripts.
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_CONFIGURATION = 2;
    /** Restore refused: the schema already holds tables, views or routines. */
    static final int EXIT_NOT_EMPTY = 3;
    /**
     * The backup itself is unusable: restore (not gzip, incomplete, client commands, SQL the server refuses); verify
     * (also: not what its manifest says).
     */
    static final int EXIT_REJECTED = 4;
    /** Verify: the text of restore.sh, which it runs as a real restore runs it. */
    static final String RESTORE_SCRIPT = "RESTORE_SCRIPT";
    /** Verify, optional: where the summary line is also written (the container's termination message). */
    static final String RESULT_FILE = "RESULT_FILE";

    /** Schema names the scripts accept (they end up in file names and SQL): Pi's are plain. */
    public static final Pattern SCHEMA = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
    /** {@code <schema>-<yyyyMMdd'T'HHmmss'Z'>.sql.gz}, the time in UTC. */
    static final Pattern FILE_NAME = Pattern
            .compile("(?<schema>[A-Za-z0-9_][A-Za-z0-9_-]{0,63})-(?<time>[0-9]{8}T[0-9]{6}Z)\\.sql\\.gz");
    static final String SUFFIX = ".sql.gz";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private BackupScripts() {
    }

    /** The backup file name for a schema dumped at a time (to the second, UTC), as backup.sh names it. */
    public static String fileName(String schema, Instant time) {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a schema name the backup scripts accept: " + schema);
        }
        return schema + "-" + STAMP.format(time.truncatedTo(ChronoUnit.SECONDS)) + SUFFIX;
    }

    /** When a backup was taken, from its file name (or a path / S3 key ending in one); empty when it is none. */
    static Optional<Instant> timeOf(String fileName) {
        return match(fileName).flatMap(m -> {
            try {
                return Optional.of(Instant.from(STAMP.parse(m.group("time"))));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** The schema a backup holds, from its file name (or a path / S3 key ending in one). */
    static Optional<String> schemaOf(String fileName) {
        return match(fileName).filter(m -> timeOf(fileName).isPresent()).map(m -> m.group("schema"));
    }

    private static Optional<Matcher> match(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = FILE_NAME.matcher(fileName.substring(fileName.lastIndexOf('/') + 1));
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    static String backupScript() {
        return load(BACKUP);
    }

    static String uploadScript() {
        return load(UPLOAD);
    }

    static String restoreScript() {
        return load(RESTORE);
    }

    /** Fetches an s3:// backup for the restore (DOWNLOAD_SOURCE to DOWNLOAD_TARGET), in the AWS CLI image. */
    static String downloadScript() {
        return load(DOWNLOAD);
    }

    static String verifyScript() {
        return load(VERIFY);
    }

    /** All of them by file name, e.g. as a ConfigMap's data mounted where the Jobs run them. */
    public static Map<String, String> all() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (String name : new String[] { BACKUP, UPLOAD, RESTORE, DOWNLOAD, VERIFY }) {
            scripts.put(name, load(name));
        }
        return scripts;
    }

    private static String load(String name) {
        return ShellScript.load(BackupScripts.class, name);
    }
}
