package io.panstack.operator.aws.rds;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.aws.ResourceTagging;

/**
 * The RDS calls the operator makes, and nothing else: thin, one call each, no decisions. The reconcile logic that
 * decides what to call lives elsewhere and is tested against a fake of this interface as well as against an
 * emulator. Failures surface as the SDK's {@code AwsServiceException} (error code kept) or {@code SdkClientException}.
 */
public interface DatabaseInstances {

    /** DescribeDBInstances for one identifier; empty when RDS answers DBInstanceNotFound. */
    Optional<DbInstance> findInstance(String identifier);

    /** CreateDBInstance. A repeated create fails with DBInstanceAlreadyExists. */
    void createInstance(NewDbInstance request);

    /**
     * RestoreDBInstanceFromDBSnapshot: the request's settings (no storage size, engine, password or database name:
     * those come from the snapshot). A repeated restore fails with DBInstanceAlreadyExists.
     */
    void restoreInstance(NewDbInstance request, String snapshotId);

    /**
     * RestoreDBInstanceToPointInTime from the source instance into the request's identifier, with the request's
     * settings (as {@link #restoreInstance}); at the latest restorable time when time is null.
     */
    void restoreToPointInTime(NewDbInstance request, String sourceIdentifier, java.time.Instant time);

    /** ModifyDBInstance MasterUserPassword, applied immediately (the instance is briefly resetting credentials). */
    void setMasterPassword(String identifier, String password);

    /** StopDBInstance: stopped until started again, or for at most 7 days (AWS then starts it by itself). */
    void stopInstance(String identifier);

    /** StartDBInstance, of a stopped instance. */
    void startInstance(String identifier);

    /** CreateDBSnapshot (tags copied). A repeated create fails with DBSnapshotAlreadyExists. */
    void createSnapshot(String identifier, String snapshotId, Map<String, String> tags);

    /** DescribeDBSnapshots of one snapshot id; empty when RDS answers DBSnapshotNotFound. */
    Optional<DbSnapshot> findSnapshot(String snapshotId);

    /** ModifyDBInstance with ApplyImmediately; only the non-null fields of the change are sent. */
    void modifyInstance(String identifier, DbInstanceChange change);

    /** DeleteDBInstance; with a snapshot id a final snapshot is taken first, without one it is skipped. */
    void deleteInstance(String identifier, Optional<String> finalSnapshotId);

    /** DescribeDBParameterGroups plus DescribeDBParameters (user-set parameters only); empty when not found. */
    Optional<DbParameterGroup> findParameterGroup(String name);

    /** CreateDBParameterGroup. */
    void createParameterGroup(String name, String family, String description, Map<String, String> tags);

    /** ModifyDBParameterGroup, every parameter applied at the next reboot (the static ones allow nothing else). */
    void setParameters(String name, Map<String, String> parameters);

    /** DeleteDBParameterGroup. */
    void deleteParameterGroup(String name);

    /** DescribeDBSubnetGroups; empty when not found. */
    Optional<DbSubnetGroup> findSubnetGroup(String name);

    /** CreateDBSubnetGroup. */
    void createSubnetGroup(String name, String description, List<String> subnetIds, Map<String, String> tags);

    /** DeleteDBSubnetGroup. */
    void deleteSubnetGroup(String name);

    /** DescribeDBSnapshots of the instance (automated and manual): when the newest available one was taken. */
    Optional<java.time.Instant> newestSnapshot(String identifier);

    /** ListTagsForResource, by ARN (instances and snapshots carry theirs already; parameter groups do not). */
    Map<String, String> tagsOf(String arn);

    /** AddTagsToResource and RemoveTagsFromResource, by ARN. */
    ResourceTagging tagging();

    /** A DB snapshot: status (creating, available, ...), the master user it restores with, its tags, its instance. */
    record DbSnapshot(String identifier, String status, String masterUsername, Map<String, String> tags,
            String instance) {
    }

    /** An RDS DB instance as DescribeDBInstances shows it. Absent values are null. */
    record DbInstance(String identifier, String arn, String status, String endpoint, Integer port,
            String instanceClass, Integer allocatedStorageGiB, Boolean multiAz, Integer backupRetentionDays,
            Boolean deletionProtection, String engineVersion, Boolean storageEncrypted, String dbName,
            String masterUsername, List<String> securityGroupIds, String parameterGroup, String parameterApplyStatus,
            String subnetGroup,
            java.time.Instant latestRestorableTime, Map<String, String> tags) {
    }

    /** What CreateDBInstance is given. The password is sent to AWS and never logged or kept. */
    record NewDbInstance(String identifier, String instanceClass, String engineVersion, int allocatedStorageGiB,
            String storageType, boolean multiAz, int backupRetentionDays, boolean deletionProtection, String dbName,
            String masterUsername, String masterPassword, List<String> securityGroupIds, String parameterGroup,
            String subnetGroup, Map<String, String> tags) {

        @Override
        public String toString() {
            return "NewDbInstance[" + identifier + ", " + instanceClass + ", mariadb " + engineVersion + "]";
        }
    }

    /** Settings ModifyDBInstance changes in place; null means "leave as it is". */
    record DbInstanceChange(String instanceClass, Integer allocatedStorageGiB, Boolean multiAz,
            Integer backupRetentionDays, Boolean deletionProtection, List<String> securityGroupIds) {

        public boolean isEmpty() {
            return instanceClass == null && allocatedStorageGiB == null && multiAz == null
                    && backupRetentionDays == null && deletionProtection == null && securityGroupIds == null;
        }
    }

    /** A DB parameter group and the parameters set in it by a user (source "user"). */
    record DbParameterGroup(String name, String arn, String family, Map<String, String> parameters) {
    }

    /** A DB subnet group and its subnets. */
    record DbSubnetGroup(String name, String arn, List<String> subnetIds) {
    }
}
