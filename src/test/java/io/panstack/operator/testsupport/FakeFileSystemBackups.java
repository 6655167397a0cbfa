package io.panstack.operator.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.panstack.operator.aws.efs.FileSystemBackups;

/** In-memory {@link FileSystemBackups}: moto 5.1.1 implements neither DescribeBackupPolicy nor PutBackupPolicy. */
public class FakeFileSystemBackups implements FileSystemBackups {

    private final Set<String> enabled = ConcurrentHashMap.newKeySet();

    @Override
    public boolean automaticBackupsEnabled(String fileSystemId) {
        return enabled.contains(fileSystemId);
    }

    @Override
    public void enableAutomaticBackups(String fileSystemId) {
        enabled.add(fileSystemId);
    }

    private final java.util.Map<String, java.time.Instant> recoveryPoints = new ConcurrentHashMap<>();

    @Override
    public java.util.Optional<java.time.Instant> newestRecoveryPoint(String fileSystemArn) {
        return java.util.Optional.ofNullable(recoveryPoints.get(fileSystemArn));
    }

    /** What AWS Backup would report after a backup of the file system (moto has no AWS Backup recovery points). */
    public void recoveryPoint(String fileSystemArn, java.time.Instant at) {
        recoveryPoints.put(fileSystemArn, at);
    }

    /** Turns backups off again, as someone could in the console. */
    public void disable(String fileSystemId) {
        enabled.remove(fileSystemId);
    }
}
