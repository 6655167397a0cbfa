package io.panstack.operator.cloud;

import java.time.Instant;

/**
 * What the operator knows about the EFS file system after a pass.
 *
 * @param automaticBackups  whether the backup policy is on (DescribeBackupPolicy, PutBackupPolicy): it protects
 *                          the files but serves no pod, so its failure is reported and never holds the file system;
 *                          null when not looked at in this pass
 * @param lastRecoveryPoint observation only (AWS Backup ListRecoveryPointsByResource); null when not looked at
 */
public record EfsState(String fileSystemId, String accessPointId, Observed<Boolean> automaticBackups,
        Observed<Instant> lastRecoveryPoint, ResourceState state) {

    /** The CSI volume handle: file system and access point (EFS CSI static provisioning). */
    public String volumeHandle() {
        return fileSystemId + "::" + accessPointId;
    }
}
