package io.panstack.operator.aws.efs;

import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.BackupPolicy;
import software.amazon.awssdk.services.efs.model.PolicyNotFoundException;
import software.amazon.awssdk.services.efs.model.Status;

/** {@link FileSystemBackups} over the AWS SDK's EFS client. */
public class SdkFileSystemBackups implements FileSystemBackups {

    private final EfsClient efs;

    public SdkFileSystemBackups(EfsClient efs) {
        this.efs = efs;
    }

    @Override
    public boolean automaticBackupsEnabled(String fileSystemId) {
        try {
            Status status = efs.describeBackupPolicy(r -> r.fileSystemId(fileSystemId)).backupPolicy().status();
            // ENABLING settles into ENABLED by itself: asking again would only make it flap.
            return status == Status.ENABLED || status == Status.ENABLING;
        } catch (PolicyNotFoundException e) {
            return false;
        }
    }

    @Override
    public void enableAutomaticBackups(String fileSystemId) {
        efs.putBackupPolicy(r -> r.fileSystemId(fileSystemId)
                .backupPolicy(BackupPolicy.builder().status(Status.ENABLED).build()));
    }
}
