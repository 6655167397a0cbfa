package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.inCluster) ? 1 : 0) + (has(self.rds) ? 1 : 0) + (has(self.external) ? 1 : 0) <= 1",
    message = "database: set at most one of inCluster, rds and external (none means inCluster)")
@ValidationRule(value = "has(self.external) == has(oldSelf.external) && has(self.rds) == has(oldSelf.rds)",
    message = "database mode cannot change after creation: the dashboard would start on a different, empty repository. Create a new PanStack and restore a backup into it")
@ValidationRule(value = "self.schema == oldSelf.schema",
    message = "database.schema cannot change after creation: the repository lives in it, and the in-cluster database's Pi user has rights on that schema only")
// On this level, not the volume's: the rule must also hold when inCluster was implied (absent) before or after.
@ValidationRule(value = "(has(self.inCluster) && has(self.inCluster.storage.storageClassName) ? self.inCluster.storage.storageClassName : '') == (has(oldSelf.inCluster) && has(oldSelf.inCluster.storage.storageClassName) ? oldSelf.inCluster.storage.storageClassName : '')",
    message = "database.inCluster.storage.storageClassName cannot change once the volume exists")
@ValidationRule(value = "!has(self.restoreFrom) || !has(self.restoreFrom.rdsSnapshotId) || has(self.rds)",
    message = "database.restoreFrom.rdsSnapshotId needs database.rds: an RDS snapshot restores into an RDS instance")
@ValidationRule(value = "has(self.restoreFrom) == has(oldSelf.restoreFrom) && (!has(self.restoreFrom) || self.restoreFrom == oldSelf.restoreFrom)",
    message = "database.restoreFrom is set when the PanStack is created and cannot change: it fills the new, empty repository once")
public class DatabaseSpec {
    @Default(Defaults.SCHEMA)
    @Size(min = 1, max = 64)
    @Pattern("^[A-Za-z0-9_]{1,64}$")
    @JsonPropertyDescription("Schema (database) holding the Pi repository; the dashboard creates its tables in it on first start. The vendor default is \"dashboard\".")
    private String schema = Defaults.SCHEMA;

    @JsonPropertyDescription("Run MariaDB in the cluster as a StatefulSet with its own volume (the default mode).")
    private InClusterDatabaseSpec inCluster;

    @JsonPropertyDescription("Amazon RDS for MariaDB, created (or adopted) by the operator with the settings Pi needs.")
    private RdsDatabaseSpec rds;

    @JsonPropertyDescription("Bootstrap the new stack's repository from a backup before the dashboard first starts: a logical dump (made by spec.backup) restored into the empty schema, or, with rds, an RDS snapshot the instance is created from. Only when creating the PanStack.")
    private RestoreSpec restoreFrom;

    @JsonPropertyDescription("Use an existing MariaDB or MySQL server. It needs lower_case_table_names=1, sql_mode=NO_AUTO_VALUE_ON_ZERO and log_bin_trust_function_creators=1.")
    private ExternalDatabaseSpec external;

    public String getSchema() { return schema; }
    public void setSchema(String schema) { this.schema = schema; }
    public InClusterDatabaseSpec getInCluster() { return inCluster; }
    public void setInCluster(InClusterDatabaseSpec inCluster) { this.inCluster = inCluster; }
    public RdsDatabaseSpec getRds() { return rds; }
    public void setRds(RdsDatabaseSpec rds) { this.rds = rds; }
    public RestoreSpec getRestoreFrom() { return restoreFrom; }
    public void setRestoreFrom(RestoreSpec restoreFrom) { this.restoreFrom = restoreFrom; }
    public ExternalDatabaseSpec getExternal() { return external; }
    public void setExternal(ExternalDatabaseSpec external) { this.external = external; }

    public DatabaseMode mode() {
        return external != null ? DatabaseMode.External : rds != null ? DatabaseMode.Rds : DatabaseMode.InCluster;
    }

    /** The in-cluster settings, with their defaults when the mode was implied rather than written. */
    public InClusterDatabaseSpec inClusterOrDefault() {
        return inCluster != null ? inCluster : new InClusterDatabaseSpec();
    }
}
