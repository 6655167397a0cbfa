package io.panstack.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstanceChange;
import io.panstack.operator.aws.rds.DatabaseInstances.DbParameterGroup;
import io.panstack.operator.aws.rds.DatabaseInstances.NewDbInstance;
import io.panstack.operator.aws.rds.SdkDatabaseInstances;
import io.panstack.operator.testsupport.MotoNetwork;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * SdkDatabaseInstances against moto's RDS, in a region no other test uses: moto 5.1.1's DescribeDBParameters answers
 * with the parameters of the region's first parameter group whatever group is asked for, so groups made here must
 * not come first in a region where other tests compare parameters.
 */
@Tag(Tiers.MOTO)
class SdkDatabaseInstancesTest {

    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();
    static final String REGION = "eu-west-3";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static RdsClient rds;
    private static MotoNetwork network;
    private static SdkDatabaseInstances instances;

    @BeforeAll
    static void connect() {
        rds = MOTO.client(RdsClient.builder(), REGION);
        instances = new SdkDatabaseInstances(rds);
        network = MotoNetwork.create(MOTO, REGION);
    }

    @AfterAll
    static void disconnect() {
        rds.close();
    }

    static String name(String prefix) {
        return prefix + "-" + NEXT.incrementAndGet();
    }

    NewDbInstance newInstance(String id, String parameterGroup, String subnetGroup) {
        return new NewDbInstance(id, "db.t3.micro", "10.11.6", 20, "gp3", true, 7, true, "pi", "piadmin",
                "not-a-real-secret-1", List.of(network.securityGroupId()), parameterGroup, subnetGroup,
                Map.of("panstack.io/stack", "analytics/bi"));
    }

    @Test
    void createdInstanceShowsEverySettingItWasGiven() {
        String subnets = name("subnets");
        String parameters = name("params");
        String id = name("bi");
        instances.createSubnetGroup(subnets, "PanStack test", network.subnetIds(), Map.of());
        instances.createParameterGroup(parameters, "mariadb10.11", "PanStack test", Map.of());

        instances.createInstance(newInstance(id, parameters, subnets));

        DbInstance found = instances.findInstance(id).orElseThrow();
        assertThat(found.identifier()).isEqualTo(id);
        assertThat(found.arn()).isEqualTo("arn:aws:rds:" + REGION + ":123456789012:db:" + id);
        assertThat(found.status()).isEqualTo("available");
        assertThat(found.endpoint()).isNotBlank();
        assertThat(found.port()).isEqualTo(3306);
        assertThat(found.instanceClass()).isEqualTo("db.t3.micro");
        assertThat(found.allocatedStorageGiB()).isEqualTo(20);
        assertThat(found.multiAz()).isTrue();
        assertThat(found.backupRetentionDays()).isEqualTo(7);
        assertThat(found.deletionProtection()).isTrue();
        assertThat(found.engineVersion()).isEqualTo("10.11.6");
        assertThat(found.storageEncrypted()).isTrue();
        assertThat(found.dbName()).isEqualTo("pi");
        assertThat(found.masterUsername()).isEqualTo("piadmin");
        assertThat(found.securityGroupIds()).containsExactly(network.securityGroupId());
        assertThat(found.parameterGroup()).isEqualTo(parameters);
        assertThat(found.subnetGroup()).isEqualTo(subnets);
        assertThat(found.latestRestorableTime()).isNotNull();
        assertThat(found.tags()).containsEntry("panstack.io/stack", "analytics/bi");

        // What the interface fixes and the record does not show.
        DBInstance raw = rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
        assertThat(raw.engine()).isEqualTo("mariadb");
        assertThat(raw.publiclyAccessible()).isFalse();
        assertThat(raw.autoMinorVersionUpgrade()).isTrue();
        assertThat(raw.copyTagsToSnapshot()).isTrue();
        assertThat(raw.storageType()).isEqualTo("gp3");
    }

    @Test
    void missingInstanceIsEmpty() {
        assertThat(instances.findInstance(name("nobody"))).isEmpty();
    }

    @Test
    void secondCreateFailsWithAlreadyExists() {
        String id = name("twice");
        instances.createInstance(newInstance(id, null, null));

        assertThatThrownBy(() -> instances.createInstance(newInstance(id, null, null)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBInstanceAlreadyExists"));
    }

    @Test
    void modifySendsOnlyTheChangedSettings() {
        String id = name("grow");
        instances.createInstance(newInstance(id, null, null));

        instances.modifyInstance(id, new DbInstanceChange("db.t3.small", 40, false, 14, false, null));

        DbInstance found = instances.findInstance(id).orElseThrow();
        assertThat(found.instanceClass()).isEqualTo("db.t3.small");
        assertThat(found.allocatedStorageGiB()).isEqualTo(40);
        assertThat(found.multiAz()).isFalse();
        assertThat(found.backupRetentionDays()).isEqualTo(14);
        assertThat(found.deletionProtection()).isFalse();
        assertThat(found.securityGroupIds()).containsExactly(network.securityGroupId());
        assertThat(found.dbName()).isEqualTo("pi");

        instances.modifyInstance(id, new DbInstanceChange(null, null, null, 3, null, null));
        assertThat(instances.findInstance(id).orElseThrow())
                .extracting(DbInstance::instanceClass, DbInstance::allocatedStorageGiB, DbInstance::backupRetentionDays)
                .containsExactly("db.t3.small", 40, 3);
    }

    @Test
    void deletionProtectionBlocksDelete() {
        String id = name("kept");
        instances.createInstance(newInstance(id, null, null));

        assertThatThrownBy(() -> instances.deleteInstance(id, Optional.empty()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        assertThat(instances.findInstance(id)).isPresent();
    }

    @Test
    void deleteWithFinalSnapshotLeavesTheSnapshot() {
        String id = name("gone");
        instances.createInstance(newInstance(id, null, null));
        instances.modifyInstance(id, new DbInstanceChange(null, null, null, null, false, null));

        instances.deleteInstance(id, Optional.of(id + "-final"));

        assertThat(instances.findInstance(id)).isEmpty();
        assertThat(rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id + "-final")).dbSnapshots())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.dbInstanceIdentifier()).isEqualTo(id);
                    assertThat(s.encrypted()).isTrue();
                });
    }

    @Test
    void deleteWithoutSnapshotSkipsIt() {
        String id = name("nosnap");
        instances.createInstance(newInstance(id, null, null));
        instances.modifyInstance(id, new DbInstanceChange(null, null, null, null, false, null));

        instances.deleteInstance(id, Optional.empty());

        assertThat(instances.findInstance(id)).isEmpty();
        assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(id)).dbSnapshots()).isEmpty();
    }

    /**
     * moto 5.1.1's DescribeDBParameters ignores the group name and answers with the parameters of the region's first
     * group (and ignores Source and paging), so this group gets a region of its own too.
     */
    @Test
    void parameterGroupShowsTheParametersSetInIt() {
        SimpleMeterRegistry calls = new SimpleMeterRegistry();
        try (RdsClient stockholm = MOTO.client(RdsClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new AwsCallMetrics(calls))), "eu-north-1")) {
            SdkDatabaseInstances inStockholm = new SdkDatabaseInstances(stockholm);
            String group = name("params");
            assertThat(inStockholm.findParameterGroup(group)).isEmpty();
            inStockholm.createParameterGroup(group, "mariadb10.11", "PanStack test", Map.of("team", "bi"));

            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("lower_case_table_names", "1");
            parameters.put("sql_mode", "NO_AUTO_VALUE_ON_ZERO");
            for (int i = 0; i < 103; i++) {
                parameters.put("panstack_test_" + i, Integer.toString(i));
            }
            inStockholm.setParameters(group, parameters);

            // RDS takes at most 20 parameters per ModifyDBParameterGroup: 105 make 6 calls.
            assertThat(calls.get(AwsCallMetrics.METER).tag("operation", "ModifyDBParameterGroup").counter().count())
                    .isEqualTo(6);
            DbParameterGroup found = inStockholm.findParameterGroup(group).orElseThrow();
            assertThat(found.name()).isEqualTo(group);
            assertThat(found.arn()).endsWith(":pg:" + group);
            assertThat(found.family()).isEqualTo("mariadb10.11");
            assertThat(found.parameters()).isEqualTo(parameters);
            assertThat(stockholm.describeDBParametersPaginator(r -> r.dbParameterGroupName(group)).parameters()
                    .stream().map(Parameter::applyMethodAsString)).containsOnly("pending-reboot");

            inStockholm.deleteParameterGroup(group);
            assertThat(inStockholm.findParameterGroup(group)).isEmpty();
        }
    }

    @Test
    void subnetGroupKeepsItsSubnets() {
        try (RdsClient client = MOTO.client(RdsClient.builder(), REGION)) {
            SdkDatabaseInstances subnetGroups = new SdkDatabaseInstances(client);
            String group = name("subnets");
            assertThat(subnetGroups.findSubnetGroup(group)).isEmpty();

            subnetGroups.createSubnetGroup(group, "PanStack test", network.subnetIds(), Map.of("team", "bi"));
            var found = subnetGroups.findSubnetGroup(group).orElseThrow();
            assertThat(found.name()).isEqualTo(group);
            assertThat(found.arn()).endsWith(":subgrp:" + group);
            assertThat(found.subnetIds()).containsExactlyInAnyOrderElementsOf(network.subnetIds());
        }
    }

    @Test
    void deletedSubnetGroupIsGone() {
        String group = name("subnets");
        instances.createSubnetGroup(group, "PanStack test", network.subnetIds(), Map.of());

        instances.deleteSubnetGroup(group);

        assertThat(instances.findSubnetGroup(group)).isEmpty();
    }

    @Test
    void tagsAreAddedAndRemovedByArn() {
        String id = name("tagged");
        instances.createInstance(newInstance(id, null, null));
        String arn = instances.findInstance(id).orElseThrow().arn();

        instances.tagging().add(arn, Map.of("owner", "bi-team", "cost-centre", "42"));
        instances.tagging().remove(arn, Set.of("panstack.io/stack"));

        assertThat(instances.findInstance(id).orElseThrow().tags())
                .isEqualTo(Map.of("owner", "bi-team", "cost-centre", "42"));
    }

    @Test
    void engineVersionWithoutPatchLevelIsAccepted() {
        String id = name("minor");
        NewDbInstance n = newInstance(id, null, null);
        instances.createInstance(new NewDbInstance(id, n.instanceClass(), "10.11", n.allocatedStorageGiB(),
                n.storageType(), false, 1, false, "pi", "piadmin", n.masterPassword(), n.securityGroupIds(), null,
                null, Map.of()));

        // moto echoes the version it was given; AWS would pick the newest 10.11.x.
        assertThat(instances.findInstance(id).orElseThrow().engineVersion()).startsWith("10.11");
    }
}
