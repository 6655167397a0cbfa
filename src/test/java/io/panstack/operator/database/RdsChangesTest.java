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
                groups, "g", "in-sync", "g", null, Map.of());
    }

    static RdsDatabaseSpec spec() {
        RdsDatabaseSpec spec = new RdsDatabaseSpec();
        spec.setSubnetIds(List.of("subnet-1", "subnet-2"));
        return spec;
    }

    @Test
    void anInstanceAsSpecifiedNeedsNoChange() {
        assertThat(RdsDatabase.changes(RdsSettings.wanted(spec()), actual("db.t3.medium", 20, true, 7, true, List.of("sg-1"))).isEmpty())
                .isTrue();
    }

    @Test
    void onlyTheSettingsThatDifferAreSent() {
        RdsDatabaseSpec spec = spec();
        spec.setInstanceClass("db.r6g.large");
        spec.setAllocatedStorageGiB(50);
        spec.setBackupRetentionDays(14);
        spec.setSecurityGroupIds(List.of("sg-2"));

        DbInstanceChange change = RdsDatabase.changes(RdsSettings.wanted(spec), actual("db.t3.medium", 20, true, 7, true, List.of("sg-1")));

        assertThat(change).isEqualTo(new DbInstanceChange("db.r6g.large", 50, null, 14, null, List.of("sg-2")));
    }

    @Test
    void emptySecurityGroupsLeaveTheInstancesGroupsAlone() {
        assertThat(RdsDatabase.changes(RdsSettings.wanted(spec()), actual("db.t3.medium", 20, true, 7, true, List.of("sg-9"))).securityGroupIds())
                .isNull();
    }

    @Test
    void aShrinkIsRefusedWithTheSizeToSet() {
        assertThatThrownBy(() -> RdsDatabase.changes(RdsSettings.wanted(spec()), actual("db.t3.medium", 100, true, 7, true, List.of())))
                .isInstanceOf(CloudProblem.class)
                .satisfies(e -> {
                    assertThat(((CloudProblem) e).problem().reason()).isEqualTo("RdsStorageShrinkRefused");
                    assertThat(((CloudProblem) e).problem().message()).contains("100 GiB").contains("allocatedStorageGiB");
                });
    }

    static RdsDatabaseSpec adopting() {
        RdsDatabaseSpec spec = new RdsDatabaseSpec();
        spec.setIdentifier("pi-terraform");
        return spec;
    }

    /** The vendor's Terraform instance: single-AZ, 3 days of backups, unprotected, unencrypted. */
    static DbInstance vendors() {
        return new DbInstance("pi-terraform", "arn:aws:rds:eu-west-1:1:db:pi-terraform", "available", "x.rds", 3306,
                "db.t3.small", 20, false, 3, false, "10.11.6", false, null, "admin", List.of("sg-1"), "pi-params", "in-sync",
                "g", null, Map.of());
    }

    @Test
    void anAdoptedInstanceGetsOnlyWhatTheSpecWritesAndTheRestIsReported() {
        assertThat(RdsDatabase.changes(RdsSettings.wanted(adopting()), vendors()).isEmpty())
                .as("no resize, no Multi-AZ conversion, nothing the user did not write").isTrue();

        List<String> drift = RdsSettings.drift(adopting(), vendors(), io.panstack.operator.cloud.Observed.of(
                Map.of("lower_case_table_names", "1", "character_set_server", "latin1")));
        assertThat(drift).hasSize(8);
        assertThat(String.join("\n", drift)).contains("multiAZ is off", "backupRetentionDays is 3", "deletionProtection is off",
                "storage is not encrypted", "character_set_server is latin1", "collation_server is unset")
                .doesNotContain("db.t3.small");

        RdsDatabaseSpec written = adopting();
        written.setMultiAZ(true);
        DbInstanceChange change = RdsDatabase.changes(RdsSettings.wanted(written), vendors());
        assertThat(change.multiAz()).as("what the user wrote is enforced").isTrue();
        assertThat(change.instanceClass()).isNull();
        assertThat(change.deletionProtection()).isNull();
        assertThat(RdsSettings.drift(written, vendors(), null)).noneMatch(line -> line.contains("multiAZ"));
    }

    @Test
    void aParameterGroupThatCannotBeReadIsReportedNotTakenAsFit() {
        assertThat(RdsSettings.drift(adopting(), vendors(), new io.panstack.operator.cloud.Observed<>(null,
                "rds: AccessDenied: not authorized to DescribeDBParameters"))).anySatisfy(line -> assertThat(line)
                        .contains("pi-params could not be read", "AccessDenied"));
    }

    @Test
    void aCreatedInstanceIsKeptToTheDefaultsAndHasNoDrift() {
        DbInstanceChange change = RdsDatabase.changes(RdsSettings.wanted(spec()), vendors());
        assertThat(change.instanceClass()).isEqualTo("db.t3.medium");
        assertThat(change.multiAz()).isTrue();
        assertThat(change.backupRetentionDays()).isEqualTo(7);
        assertThat(change.deletionProtection()).isTrue();
        assertThat(RdsSettings.drift(spec(), vendors(), null)).isEmpty();
    }

    @Test
    void piNeedsCaseInsensitiveTablesTrustedFunctionCreatorsAndItsSqlMode() {
        assertThat(RdsParameters.unfitForPi(Map.of("lower_case_table_names", "1", "log_bin_trust_function_creators", "1",
                "sql_mode", "STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO"))).isEmpty();
        assertThat(RdsParameters.unfitForPi(Map.of("lower_case_table_names", "1", "sql_mode", "NO_AUTO_VALUE_ON_ZERO")))
                .as("the vendor's Terraform group").singleElement().asString()
                .contains("log_bin_trust_function_creators=1");
        assertThat(RdsParameters.unfitForPi(Map.of())).as("a default group").hasSize(3);
    }

    @Test
    void anAdoptedInstanceWaitingForAParameterRebootStallsUntilRebooted() {
        Map<String, String> fit = Map.of("lower_case_table_names", "1", "log_bin_trust_function_creators", "1",
                "sql_mode", "NO_AUTO_VALUE_ON_ZERO");
        RdsDatabase.refuseUnfit(vendors(), fit); // in sync: fine

        DbInstance pending = new DbInstance("pi-terraform", "arn", "available", "x.rds", 3306, "db.t3.small", 20, false,
                3, false, "10.11.6", false, null, "admin", List.of(), "pi-params", "pending-reboot", "g", null, Map.of());
        assertThatThrownBy(() -> RdsDatabase.refuseUnfit(pending, fit)).isInstanceOf(CloudProblem.class)
                .satisfies(e -> assertThat(((CloudProblem) e).problem().reason()).isEqualTo("RdsParametersPendingReboot"));
    }
}
