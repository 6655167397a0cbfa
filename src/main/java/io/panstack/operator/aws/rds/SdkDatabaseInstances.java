package io.panstack.operator.aws.rds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.aws.ResourceTagging;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroup;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbParameterGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSubnetGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.rds.model.Tag;

/** {@link DatabaseInstances} over the AWS SDK's RDS client. Always MariaDB, encrypted, private. */
public class SdkDatabaseInstances implements DatabaseInstances {

    static final String ENGINE = "mariadb";
    /** ModifyDBParameterGroup accepts at most 20 parameters per call. */
    static final int PARAMETERS_PER_CALL = 20;

    private final RdsClient rds;

    public SdkDatabaseInstances(RdsClient rds) {
        this.rds = rds;
    }

    @Override
    public Optional<DbInstance> findInstance(String identifier) {
        try {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().stream()
                    .findFirst().map(SdkDatabaseInstances::toDbInstance);
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void createInstance(NewDbInstance n) {
        // The password goes into the SDK request only; the SDK marks it sensitive and redacts it in toString().
        CreateDbInstanceRequest request = CreateDbInstanceRequest.builder()
                .dbInstanceIdentifier(n.identifier())
                .engine(ENGINE)
                .engineVersion(n.engineVersion())
                .dbInstanceClass(n.instanceClass())
                .allocatedStorage(n.allocatedStorageGiB())
                .storageType(n.storageType())
                .multiAZ(n.multiAz())
                .backupRetentionPeriod(n.backupRetentionDays())
                .deletionProtection(n.deletionProtection())
                .dbName(n.dbName())
                .masterUsername(n.masterUsername())
                .masterUserPassword(n.masterPassword())
                .vpcSecurityGroupIds(n.securityGroupIds())
                .dbParameterGroupName(n.parameterGroup())
                .dbSubnetGroupName(n.subnetGroup())
                .storageEncrypted(true)
                .publiclyAccessible(false)
                .autoMinorVersionUpgrade(true)
                .copyTagsToSnapshot(true)
                .tags(tags(n.tags()))
                .build();
        rds.createDBInstance(request);
    }

    @Override
    public void modifyInstance(String identifier, DbInstanceChange c) {
        ModifyDbInstanceRequest.Builder request = ModifyDbInstanceRequest.builder()
                .dbInstanceIdentifier(identifier)
                .applyImmediately(true);
        if (c.instanceClass() != null) {
            request.dbInstanceClass(c.instanceClass());
        }
        if (c.allocatedStorageGiB() != null) {
            request.allocatedStorage(c.allocatedStorageGiB());
        }
        if (c.multiAz() != null) {
            request.multiAZ(c.multiAz());
        }
        if (c.backupRetentionDays() != null) {
            request.backupRetentionPeriod(c.backupRetentionDays());
        }
        if (c.deletionProtection() != null) {
            request.deletionProtection(c.deletionProtection());
        }
        if (c.securityGroupIds() != null) {
            request.vpcSecurityGroupIds(c.securityGroupIds());
        }
        rds.modifyDBInstance(request.build());
    }

    @Override
    public void deleteInstance(String identifier, Optional<String> finalSnapshotId) {
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier(identifier)
                .skipFinalSnapshot(finalSnapshotId.isEmpty())
                .finalDBSnapshotIdentifier(finalSnapshotId.orElse(null)));
    }

    @Override
    public Optional<DbParameterGroup> findParameterGroup(String name) {
        DBParameterGroup group;
        try {
            group = rds.describeDBParameterGroups(r -> r.dbParameterGroupName(name)).dbParameterGroups().stream()
                    .findFirst().orElse(null);
        } catch (DbParameterGroupNotFoundException e) {
            return Optional.empty();
        }
        if (group == null) {
            return Optional.empty();
        }
        // Only what someone set: the engine defaults run into the hundreds and are not ours to compare.
        Map<String, String> parameters = new LinkedHashMap<>();
        rds.describeDBParametersPaginator(r -> r.dbParameterGroupName(name).source("user")).parameters()
                .forEach(p -> parameters.put(p.parameterName(), p.parameterValue()));
        return Optional.of(new DbParameterGroup(group.dbParameterGroupName(), group.dbParameterGroupArn(),
                group.dbParameterGroupFamily(), parameters));
    }

    @Override
    public void createParameterGroup(String name, String family, String description, Map<String, String> tags) {
        rds.createDBParameterGroup(r -> r.dbParameterGroupName(name).dbParameterGroupFamily(family)
                .description(description).tags(tags(tags)));
    }

    @Override
    public void setParameters(String name, Map<String, String> parameters) {
        List<Parameter> all = parameters.entrySet().stream()
                .map(e -> Parameter.builder().parameterName(e.getKey()).parameterValue(e.getValue())
                        .applyMethod(ApplyMethod.PENDING_REBOOT).build())
                .toList();
        for (int from = 0; from < all.size(); from += PARAMETERS_PER_CALL) {
            List<Parameter> batch = all.subList(from, Math.min(all.size(), from + PARAMETERS_PER_CALL));
            rds.modifyDBParameterGroup(r -> r.dbParameterGroupName(name).parameters(batch));
        }
    }

    @Override
    public void deleteParameterGroup(String name) {
        rds.deleteDBParameterGroup(r -> r.dbParameterGroupName(name));
    }

    @Override
    public Optional<DbSubnetGroup> findSubnetGroup(String name) {
        try {
            return rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).dbSubnetGroups().stream()
                    .findFirst().map(SdkDatabaseInstances::toSubnetGroup);
        } catch (DbSubnetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void createSubnetGroup(String name, String description, List<String> subnetIds, Map<String, String> tags) {
        rds.createDBSubnetGroup(r -> r.dbSubnetGroupName(name).dbSubnetGroupDescription(description)
                .subnetIds(subnetIds).tags(tags(tags)));
    }

    @Override
    public void deleteSubnetGroup(String name) {
        rds.deleteDBSubnetGroup(r -> r.dbSubnetGroupName(name));
    }

    @Override
    public void restoreInstance(NewDbInstance request, String snapshotId) {
        rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier(request.identifier())
                .dbSnapshotIdentifier(snapshotId)
                .dbInstanceClass(request.instanceClass())
                .storageType(request.storageType())
                .multiAZ(request.multiAz())
                .deletionProtection(request.deletionProtection())
                .publiclyAccessible(false)
                .autoMinorVersionUpgrade(true)
                .copyTagsToSnapshot(true)
                .vpcSecurityGroupIds(request.securityGroupIds().isEmpty() ? null : request.securityGroupIds())
                .dbParameterGroupName(request.parameterGroup())
                .dbSubnetGroupName(request.subnetGroup())
                .tags(tags(request.tags())));
    }

    @Override
    public void restoreToPointInTime(NewDbInstance request, String sourceIdentifier, Instant time) {
        rds.restoreDBInstanceToPointInTime(r -> r.sourceDBInstanceIdentifier(sourceIdentifier)
                .targetDBInstanceIdentifier(request.identifier())
                .restoreTime(time)
                .useLatestRestorableTime(time == null ? Boolean.TRUE : null)
                .dbInstanceClass(request.instanceClass())
                .storageType(request.storageType())
                .multiAZ(request.multiAz())
                .deletionProtection(request.deletionProtection())
                .publiclyAccessible(false)
                .autoMinorVersionUpgrade(true)
                .copyTagsToSnapshot(true)
                .vpcSecurityGroupIds(request.securityGroupIds().isEmpty() ? null : request.securityGroupIds())
                .dbParameterGroupName(request.parameterGroup())
                .dbSubnetGroupName(request.subnetGroup())
                .tags(tags(request.tags())));
    }

    @Override
    public void setMasterPassword(String identifier, String password) {
        rds.modifyDBInstance(r -> r.dbInstanceIdentifier(identifier).masterUserPassword(password).applyImmediately(true));
    }

    @Override
    public void stopInstance(String identifier) {
        rds.stopDBInstance(r -> r.dbInstanceIdentifier(identifier));
    }

    @Override
    public void startInstance(String identifier) {
        rds.startDBInstance(r -> r.dbInstanceIdentifier(identifier));
    }

    @Override
    public void createSnapshot(String identifier, String snapshotId, Map<String, String> tags) {
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier(identifier).dbSnapshotIdentifier(snapshotId).tags(tags(tags)));
    }

    @Override
    public Optional<DbSnapshot> findSnapshot(String snapshotId) {
        try {
            return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots().stream()
                    .map(s -> new DbSnapshot(s.dbSnapshotIdentifier(), s.status(), s.masterUsername(), toMap(s.tagList()),
                            s.dbInstanceIdentifier()))
                    .findFirst();
        } catch (software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<java.time.Instant> newestSnapshot(String identifier) {
        return rds.describeDBSnapshotsPaginator(r -> r.dbInstanceIdentifier(identifier)).dbSnapshots().stream()
                .filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null)
                .map(software.amazon.awssdk.services.rds.model.DBSnapshot::snapshotCreateTime)
                .max(java.time.Instant::compareTo);
    }

    @Override
    public Map<String, String> tagsOf(String arn) {
        return toMap(rds.listTagsForResource(r -> r.resourceName(arn)).tagList());
    }

    @Override
    public ResourceTagging tagging() {
        return new ResourceTagging((arn, tags) -> rds.addTagsToResource(r -> r.resourceName(arn).tags(tags(tags))),
                (arn, keys) -> rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys(keys)));
    }

    private static DbInstance toDbInstance(DBInstance i) {
        return new DbInstance(i.dbInstanceIdentifier(), i.dbInstanceArn(), i.dbInstanceStatus(),
                i.endpoint() == null ? null : i.endpoint().address(),
                i.endpoint() == null ? null : i.endpoint().port(),
                i.dbInstanceClass(), i.allocatedStorage(), i.multiAZ(), i.backupRetentionPeriod(),
                i.deletionProtection(), i.engineVersion(), i.storageEncrypted(), i.dbName(), i.masterUsername(),
                i.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList(),
                i.dbParameterGroups().stream().findFirst().map(g -> g.dbParameterGroupName()).orElse(null),
                i.dbParameterGroups().stream().findFirst().map(g -> g.parameterApplyStatus()).orElse(null),
                i.dbSubnetGroup() == null ? null : i.dbSubnetGroup().dbSubnetGroupName(),
                i.latestRestorableTime(),
                toMap(i.tagList()));
    }

    private static DbSubnetGroup toSubnetGroup(DBSubnetGroup g) {
        return new DbSubnetGroup(g.dbSubnetGroupName(), g.dbSubnetGroupArn(),
                g.subnets().stream().map(s -> s.subnetIdentifier()).toList());
    }

    static List<Tag> tags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        if (tags != null) {
            tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        }
        return list;
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
