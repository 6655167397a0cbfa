package io.panstack.operator.aws.efs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.aws.ResourceTagging;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.CreateAccessPointResponse;
import software.amazon.awssdk.services.efs.model.CreateFileSystemResponse;
import software.amazon.awssdk.services.efs.model.CreationInfo;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.FileSystemNotFoundException;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.RootDirectory;
import software.amazon.awssdk.services.efs.model.Tag;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

/** {@link FileSystems} over the AWS SDK's EFS client. */
public class SdkFileSystems implements FileSystems {

    private final EfsClient efs;

    public SdkFileSystems(EfsClient efs) {
        this.efs = efs;
    }

    @Override
    public Optional<FileSystem> findByCreationToken(String creationToken) {
        return efs.describeFileSystems(r -> r.creationToken(creationToken)).fileSystems().stream().findFirst()
                .map(SdkFileSystems::toFileSystem);
    }

    @Override
    public Optional<FileSystem> findById(String fileSystemId) {
        try {
            return efs.describeFileSystems(r -> r.fileSystemId(fileSystemId)).fileSystems().stream().findFirst()
                    .map(SdkFileSystems::toFileSystem);
        } catch (FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<FileSystem> all() {
        return efs.describeFileSystemsPaginator(r -> { }).fileSystems().stream().map(SdkFileSystems::toFileSystem)
                .toList();
    }

    @Override
    public FileSystem create(String creationToken, Map<String, String> tags) {
        CreateFileSystemResponse created = efs.createFileSystem(r -> r.creationToken(creationToken)
                .encrypted(true)
                .performanceMode(PerformanceMode.GENERAL_PURPOSE)
                .throughputMode(ThroughputMode.BURSTING)
                .backup(true)
                .tags(tags(tags)));
        return new FileSystem(created.fileSystemId(), created.fileSystemArn(), created.creationToken(),
                created.lifeCycleStateAsString(), Boolean.TRUE.equals(created.encrypted()),
                created.numberOfMountTargets() == null ? 0 : created.numberOfMountTargets(), toMap(created.tags()));
    }

    @Override
    public List<MountTarget> mountTargets(String fileSystemId) {
        List<MountTarget> targets = new ArrayList<>();
        efs.describeMountTargetsPaginator(r -> r.fileSystemId(fileSystemId)).mountTargets().forEach(
                t -> targets.add(new MountTarget(t.mountTargetId(), t.subnetId(), t.lifeCycleStateAsString())));
        return targets;
    }

    @Override
    public void createMountTarget(String fileSystemId, String subnetId, List<String> securityGroupIds) {
        efs.createMountTarget(r -> r.fileSystemId(fileSystemId).subnetId(subnetId).securityGroups(securityGroupIds));
    }

    @Override
    public void deleteMountTarget(String mountTargetId) {
        efs.deleteMountTarget(r -> r.mountTargetId(mountTargetId));
    }

    @Override
    public List<AccessPoint> accessPoints(String fileSystemId) {
        List<AccessPoint> points = new ArrayList<>();
        efs.describeAccessPointsPaginator(r -> r.fileSystemId(fileSystemId)).accessPoints().forEach(
                a -> points.add(new AccessPoint(a.accessPointId(),
                        a.rootDirectory() == null ? null : a.rootDirectory().path(),
                        a.lifeCycleStateAsString(), toMap(a.tags()))));
        return points;
    }

    @Override
    public AccessPoint createAccessPoint(String fileSystemId, String clientToken, String path,
            Map<String, String> tags) {
        // EFS creates the directory on first use with this owner and mode, as the vendor's EFS preparation does.
        RootDirectory root = RootDirectory.builder().path(path)
                .creationInfo(CreationInfo.builder().ownerUid(0L).ownerGid(0L).permissions("777").build())
                .build();
        CreateAccessPointResponse created = efs.createAccessPoint(r -> r.fileSystemId(fileSystemId)
                .clientToken(clientToken).rootDirectory(root).tags(tags(tags)));
        return new AccessPoint(created.accessPointId(),
                created.rootDirectory() == null ? path : created.rootDirectory().path(),
                created.lifeCycleStateAsString(), toMap(created.tags()));
    }

    @Override
    public void deleteAccessPoint(String accessPointId) {
        efs.deleteAccessPoint(r -> r.accessPointId(accessPointId));
    }

    @Override
    public void delete(String fileSystemId) {
        efs.deleteFileSystem(r -> r.fileSystemId(fileSystemId));
    }

    @Override
    public ResourceTagging tagging() {
        return new ResourceTagging((id, tags) -> efs.tagResource(r -> r.resourceId(id).tags(tags(tags))),
                (id, keys) -> efs.untagResource(r -> r.resourceId(id).tagKeys(keys)));
    }

    private static FileSystem toFileSystem(FileSystemDescription d) {
        return new FileSystem(d.fileSystemId(), d.fileSystemArn(), d.creationToken(), d.lifeCycleStateAsString(),
                Boolean.TRUE.equals(d.encrypted()), d.numberOfMountTargets() == null ? 0 : d.numberOfMountTargets(),
                toMap(d.tags()));
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        if (tags != null) {
            tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        }
        return list;
    }

    private static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
