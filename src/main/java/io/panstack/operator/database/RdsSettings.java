package io.panstack.operator.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.panstack.operator.api.v1alpha1.Defaults;
import io.panstack.operator.api.v1alpha1.RdsDatabaseSpec;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.cloud.Observed;

/**
 * Which settings of the instance the operator enforces. One it created gets the spec's, the defaults where the spec
 * is silent. An adopted one (the vendor's Terraform instance, say) gets only what the spec writes: the defaults
 * would resize it or convert it to Multi-AZ behind the user's back. Where an adopted instance falls short of the
 * defaults, that is reported (status.database.drift), not changed. Pure.
 */
final class RdsSettings {

    /** The values to bring the instance to; null: not enforced. */
    record Wanted(String instanceClass, Integer allocatedStorageGiB, Boolean multiAz, Integer backupRetentionDays,
            Boolean deletionProtection, List<String> securityGroupIds) {
    }

    private RdsSettings() {
    }

    static Wanted wanted(RdsDatabaseSpec spec) {
        if (spec.adopts()) {
            return new Wanted(spec.getInstanceClass(), spec.getAllocatedStorageGiB(), spec.getMultiAZ(),
                    spec.getBackupRetentionDays(), spec.getDeletionProtection(), spec.getSecurityGroupIds());
        }
        return new Wanted(spec.instanceClass(), spec.allocatedStorageGiB(), spec.multiAz(), spec.backupRetentionDays(),
                spec.deletionProtected(), spec.getSecurityGroupIds());
    }

    /**
     * An adopted instance's settings the spec leaves alone and that fall short of what the operator would choose,
     * and the parameters its group lacks of those the operator gives its own ({@code parameters} null: not looked at).
     */
    static List<String> drift(RdsDatabaseSpec spec, DbInstance actual, Observed<Map<String, String>> group) {
        Map<String, String> parameters = group == null ? null : group.value();
        List<String> drift = new ArrayList<>();
        if (!spec.adopts()) {
            return drift;
        }
        String unset = " (not changed: spec.database.rds.";
        if (spec.getMultiAZ() == null && !Boolean.TRUE.equals(actual.multiAz())) {
            drift.add("multiAZ is off; recommended on" + unset + "multiAZ is unset)");
        }
        if (spec.getBackupRetentionDays() == null && (actual.backupRetentionDays() == null
                || actual.backupRetentionDays() < Defaults.RDS_BACKUP_RETENTION_DAYS)) {
            drift.add("backupRetentionDays is " + actual.backupRetentionDays() + "; recommended at least "
                    + Defaults.RDS_BACKUP_RETENTION_DAYS + unset + "backupRetentionDays is unset)");
        }
        if (spec.getDeletionProtection() == null && !Boolean.TRUE.equals(actual.deletionProtection())) {
            drift.add("deletionProtection is off; recommended on" + unset + "deletionProtection is unset)");
        }
        if (!Boolean.TRUE.equals(actual.storageEncrypted())) {
            drift.add("storage is not encrypted (RDS cannot encrypt an instance in place: restore a snapshot copy"
                    + " encrypted)");
        }
        if (group != null && group.failed()) {
            drift.add("parameter group " + actual.parameterGroup() + " could not be read, so Pi's settings are not"
                    + " checked: " + group.failure());
        }
        if (parameters != null) {
            RdsParameters.drift(parameters).forEach((name, wanted) -> drift.add("parameter group "
                    + actual.parameterGroup() + ": " + name + " is " + parameters.getOrDefault(name, "unset")
                    + "; Pi's settings want " + wanted));
        }
        return drift;
    }
}
