package io.panstack.operator.aws;

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

    /** Turns backups off again, as someone could in the console. */
    public void disable(String fileSystemId) {
        enabled.remove(fileSystemId);
    }
}
