package io.panstack.operator.aws.efs;

import java.time.Instant;
import java.util.Optional;

import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.RecoveryPointByResource;
import software.amazon.awssdk.services.backup.model.RecoveryPointStatus;

import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.BackupPolicy;
import software.amazon.awssdk.services.efs.model.PolicyNotFoundException;
import software.amazon.awssdk.services.efs.model.Status;

/** {@link FileSystemBackups} over the AWS SDK's EFS and AWS Backup clients. */
public class SdkFileSystemBackups implements FileSystemBackups {

    private final EfsClient efs;
    private final BackupClient backup;

    public SdkFileSystemBackups(EfsClient efs, BackupClient backup) {
        this.efs = efs;
        this.backup = backup;
    }

    @Override
    public Optional<Instant> newestRecoveryPoint(String fileSystemArn) {
        return backup.listRecoveryPointsByResourcePaginator(r -> r.resourceArn(fileSystemArn)).recoveryPoints().stream()
                .filter(point -> point.status() == RecoveryPointStatus.COMPLETED && point.creationDate() != null)
                .map(RecoveryPointByResource::creationDate).max(Instant::compareTo);
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
