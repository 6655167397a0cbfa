package io.panstack.operator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.RdsDatabaseSpec;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstanceChange;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class RdsChangesTest {

    static DbInstance actual(String instanceClass, int storage, boolean multiAz, int retention, boolean protection,
            List<String> groups) {
        return new DbInstance("panstack-a-bi-1234abcd", "arn:aws:rds:eu-west-1:1:db:x", "available", "x.rds", 3306,
                instanceClass, storage, multiAz, retention, protection, "10.11.6", true, "dashboard", "panintelligence",
                groups, "g", "g", null, Map.of());
    }

    static RdsDatabaseSpec spec() {
        RdsDatabaseSpec spec = new RdsDatabaseSpec();
        spec.setSubnetIds(List.of("subnet-1", "subnet-2"));
        return spec;
    }

    @Test
    void anInstanceAsSpecifiedNeedsNoChange() {
        assertThat(RdsDatabase.changes(spec(), actual("db.t3.medium", 20, true, 7, true, List.of("sg-1"))).isEmpty())
                .isTrue();
    }

    @Test
    void onlyTheSettingsThatDifferAreSent() {
        RdsDatabaseSpec spec = spec();
        spec.setInstanceClass("db.r6g.large");
        spec.setAllocatedStorageGiB(50);
        spec.setBackupRetentionDays(14);
        spec.setSecurityGroupIds(List.of("sg-2"));

        DbInstanceChange change = RdsDatabase.changes(spec, actual("db.t3.medium", 20, true, 7, true, List.of("sg-1")));

        assertThat(change).isEqualTo(new DbInstanceChange("db.r6g.large", 50, null, 14, null, List.of("sg-2")));
    }

    @Test
    void emptySecurityGroupsLeaveTheInstancesGroupsAlone() {
        assertThat(RdsDatabase.changes(spec(), actual("db.t3.medium", 20, true, 7, true, List.of("sg-9"))).securityGroupIds())
                .isNull();
    }

    @Test
    void aShrinkIsRefusedWithTheSizeToSet() {
        assertThatThrownBy(() -> RdsDatabase.changes(spec(), actual("db.t3.medium", 100, true, 7, true, List.of())))
                .isInstanceOf(CloudProblem.class)
                .satisfies(e -> {
                    assertThat(((CloudProblem) e).problem().reason()).isEqualTo("RdsStorageShrinkRefused");
                    assertThat(((CloudProblem) e).problem().message()).contains("100 GiB").contains("allocatedStorageGiB");
                });
    }
}
