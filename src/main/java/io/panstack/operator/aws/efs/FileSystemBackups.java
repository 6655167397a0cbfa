package io.panstack.operator.aws.efs;

/**
 * EFS automatic backups (the file system's backup policy, served by AWS Backup). Its own interface because the AWS
 * emulator used in tests lacks these calls, so tests put a fake in its place; the rest of EFS runs against the
 * emulator.
 */
public interface FileSystemBackups {

    /** DescribeBackupPolicy: whether automatic backups are ENABLED (or ENABLING). */
    boolean automaticBackupsEnabled(String fileSystemId);

    /** PutBackupPolicy ENABLED. */
    void enableAutomaticBackups(String fileSystemId);

    /** AWS Backup ListRecoveryPointsByResource: when the newest completed recovery point was made, if any. */
    java.util.Optional<java.time.Instant> newestRecoveryPoint(String fileSystemArn);
}
