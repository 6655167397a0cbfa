package io.panstack.operator.aws.efs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.aws.ResourceTagging;

/**
 * The EFS calls the operator makes, one call each, no decisions (see DatabaseInstances for the why). Failures surface
 * as the SDK's {@code AwsServiceException} (error code kept) or {@code SdkClientException}.
 */
public interface FileSystems {

    /** DescribeFileSystems by creation token; empty when there is none. */
    Optional<FileSystem> findByCreationToken(String creationToken);

    /** DescribeFileSystems by id; empty when EFS answers FileSystemNotFound. */
    Optional<FileSystem> findById(String fileSystemId);

    /** DescribeFileSystems of the whole region (paginated). */
    List<FileSystem> all();

    /**
     * CreateFileSystem: encrypted, general purpose, bursting, automatic backups on, tagged. A repeated token fails
     * with FileSystemAlreadyExists.
     */
    FileSystem create(String creationToken, Map<String, String> tags);

    /** DescribeMountTargets of one file system. */
    List<MountTarget> mountTargets(String fileSystemId);

    /** CreateMountTarget in one subnet. */
    void createMountTarget(String fileSystemId, String subnetId, List<String> securityGroupIds);

    /** DeleteMountTarget. */
    void deleteMountTarget(String mountTargetId);

    /** DescribeAccessPoints of one file system. */
    List<AccessPoint> accessPoints(String fileSystemId);

    /** CreateAccessPoint rooted at path, creating it (owner 0:0, mode 0777, as the vendor's EFS prep does). */
    AccessPoint createAccessPoint(String fileSystemId, String clientToken, String path, Map<String, String> tags);

    /** DeleteAccessPoint. */
    void deleteAccessPoint(String accessPointId);

    /** DeleteFileSystem (fails while mount targets remain). */
    void delete(String fileSystemId);

    /** TagResource and UntagResource, by file system or access point id. */
    ResourceTagging tagging();

    /** A file system as DescribeFileSystems shows it. */
    record FileSystem(String id, String arn, String creationToken, String lifeCycleState, boolean encrypted,
            int mountTargets, Map<String, String> tags) {
    }

    /** A mount target: one per subnet (and availability zone). */
    record MountTarget(String id, String subnetId, String lifeCycleState) {
    }

    /** An access point and the directory it is rooted at. */
    record AccessPoint(String id, String path, String lifeCycleState, Map<String, String> tags) {
    }
}
