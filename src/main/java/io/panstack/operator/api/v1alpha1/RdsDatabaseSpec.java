package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The repository on Amazon RDS for MariaDB, created (or adopted) and kept in shape by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "identifier", "instanceClass", "engineVersion", "allocatedStorageGiB", "multiAZ",
        "backupRetentionDays", "deletionProtection", "subnetIds", "securityGroupIds", "masterUsername",
        "credentialsSecretRef" })
@ValidationRule(value = "has(self.identifier) || size(self.subnetIds) >= 2",
    message = "database.rds.subnetIds needs at least two subnets in different availability zones (an RDS subnet group does), unless identifier adopts an existing instance")
@ValidationRule(value = "has(self.identifier) == has(oldSelf.identifier) && (!has(self.identifier) || self.identifier == oldSelf.identifier)",
    message = "database.rds.identifier cannot change: it names the instance holding the repository")
@ValidationRule(value = "!has(self.identifier) || has(self.credentialsSecretRef)",
    message = "database.rds.identifier adopts an existing instance, whose password the operator cannot know: set credentialsSecretRef to a Secret with its username and password")
public class RdsDatabaseSpec {
    @Size(min = 1, max = 63)
    @Pattern("^[a-zA-Z](-?[a-zA-Z0-9])*$")
    @JsonPropertyDescription("Identifier of an existing DB instance to adopt (it must exist; needs credentialsSecretRef). Leave unset to have one created, named from the namespace and name. Cannot change.")
    private String identifier;

    @Size(max = 32)
    @Pattern("^db\\.[a-z0-9-]+\\.[a-z0-9]+$")
    @JsonPropertyDescription("DB instance class, e.g. db.t3.medium. Changed in place (a short outage; with multiAZ, a fail-over). Unset: db.t3.medium (the vendor's choice) for an instance the operator creates; an adopted instance keeps its own.")
    private String instanceClass;

    @Default(Defaults.RDS_ENGINE_VERSION)
    @Size(max = 16)
    @Pattern("^[0-9]+\\.[0-9]+(\\.[0-9]+)?$")
    @ValidationRule(value = "self == oldSelf", message = "database.rds.engineVersion cannot change yet: upgrade the instance in AWS, then set the new version here")
    @JsonPropertyDescription("MariaDB engine version: major.minor (AWS picks the newest minor) or major.minor.patch. The parameter group family follows it. Cannot change yet.")
    private String engineVersion = Defaults.RDS_ENGINE_VERSION;

    @Min(20)
    @Max(65536)
    @ValidationRule(value = "self >= oldSelf", message = "database.rds.allocatedStorageGiB cannot shrink: RDS storage only grows")
    @JsonPropertyDescription("Storage in GiB (gp3, encrypted). Grows in place, by at least 10% per change and at most once every 6 hours (AWS rules); never shrinks. Unset: 20 for a created instance; an adopted instance keeps its own.")
    private Integer allocatedStorageGiB;

    @JsonPropertyDescription("A standby in a second availability zone (the vendor's CloudFormation stack turns it on). Unset: on for a created instance; an adopted instance keeps its own, and status.database.drift says when it is off.")
    private Boolean multiAZ;

    @Min(1)
    @Max(35)
    @JsonPropertyDescription("Days of automated backups and point-in-time recovery (1-35; 0, which turns backups off, is not offered). Unset: 7 for a created instance; an adopted instance keeps its own, and status.database.drift says when it is fewer.")
    private Integer backupRetentionDays;

    @JsonPropertyDescription("RDS deletion protection. The operator lifts it itself only when the PanStack is deleted with deletionPolicy Snapshot or Delete. Unset: on for a created instance; an adopted instance keeps its own, and status.database.drift says when it is off.")
    private Boolean deletionProtection;

    @Size(max = 16)
    @ValidationRule(value = "self == oldSelf", message = "database.rds.subnetIds cannot change after creation: change the DB subnet group in AWS instead")
    @JsonPropertyDescription("Subnets of the DB subnet group, in at least two availability zones. Needed unless identifier is set. Cannot change after creation.")
    private List<@Pattern("^subnet-[0-9a-f]{1,40}$") String> subnetIds = List.of();

    @Size(max = 5)
    @JsonPropertyDescription("VPC security groups of the instance; they must let the cluster's pods reach port 3306. Empty: the VPC's default group.")
    private List<@Pattern("^sg-[0-9a-f]{1,40}$") String> securityGroupIds = List.of();

    @Default(Defaults.RDS_MASTER_USERNAME)
    @Size(min = 1, max = 16)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @ValidationRule(value = "self == oldSelf", message = "database.rds.masterUsername cannot change after creation")
    @JsonPropertyDescription("Master user of a created instance; the Pi components log in with it. Its password is generated once into the Secret <name>-db-credentials and never shown.")
    private String masterUsername = Defaults.RDS_MASTER_USERNAME;

    @JsonPropertyDescription("Secret with keys username and password for an adopted instance. Unset: the operator generates the Secret <name>-db-credentials.")
    private SecretReference credentialsSecretRef;

    public String getIdentifier() { return identifier; }
    public void setIdentifier(String identifier) { this.identifier = identifier; }
    public String getInstanceClass() { return instanceClass; }
    public void setInstanceClass(String instanceClass) { this.instanceClass = instanceClass; }
    public String getEngineVersion() { return engineVersion; }
    public void setEngineVersion(String engineVersion) { this.engineVersion = engineVersion; }
    public Integer getAllocatedStorageGiB() { return allocatedStorageGiB; }
    public void setAllocatedStorageGiB(Integer allocatedStorageGiB) { this.allocatedStorageGiB = allocatedStorageGiB; }
    public Boolean getMultiAZ() { return multiAZ; }
    public void setMultiAZ(Boolean multiAZ) { this.multiAZ = multiAZ; }
    public Integer getBackupRetentionDays() { return backupRetentionDays; }
    public void setBackupRetentionDays(Integer backupRetentionDays) { this.backupRetentionDays = backupRetentionDays; }
    public Boolean getDeletionProtection() { return deletionProtection; }
    public void setDeletionProtection(Boolean deletionProtection) { this.deletionProtection = deletionProtection; }
    public List<String> getSubnetIds() { return subnetIds; }
    public void setSubnetIds(List<String> subnetIds) { this.subnetIds = subnetIds != null ? subnetIds : List.of(); }
    public List<String> getSecurityGroupIds() { return securityGroupIds; }
    public void setSecurityGroupIds(List<String> securityGroupIds) { this.securityGroupIds = securityGroupIds != null ? securityGroupIds : List.of(); }
    public String getMasterUsername() { return masterUsername; }
    public void setMasterUsername(String masterUsername) { this.masterUsername = masterUsername; }
    public SecretReference getCredentialsSecretRef() { return credentialsSecretRef; }
    public void setCredentialsSecretRef(SecretReference credentialsSecretRef) { this.credentialsSecretRef = credentialsSecretRef; }

    public boolean adopts() { return identifier != null && !identifier.isEmpty(); }
    /** The settings as a created instance gets them: the spec's, else the defaults. */
    public String instanceClass() { return instanceClass != null ? instanceClass : Defaults.RDS_INSTANCE_CLASS; }
    public int allocatedStorageGiB() { return allocatedStorageGiB != null ? allocatedStorageGiB : Defaults.RDS_STORAGE_GIB; }
    public boolean multiAz() { return multiAZ == null || multiAZ; }
    public int backupRetentionDays() { return backupRetentionDays != null ? backupRetentionDays : Defaults.RDS_BACKUP_RETENTION_DAYS; }
    public boolean deletionProtected() { return deletionProtection == null || deletionProtection; }
}
