package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which stack to restore, and from which of its backups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "stack", "backup", "location", "rdsSnapshotId", "pointInTime" })
@ValidationRule(value = "self == oldSelf", message = "spec cannot change: create another PanStackRestore")
@ValidationRule(value = "[has(self.backup), has(self.location), has(self.rdsSnapshotId), has(self.pointInTime)]"
        + ".filter(set, set).size() == 1",
    message = "set exactly one of backup, location, rdsSnapshotId and pointInTime")
public class PanStackRestoreSpec {
    public static final String LATEST = "latest";
    static final String POINT_IN_TIME_PATTERN = "^(latest|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2}))$";

    @Required
    @Size(min = 1, max = 40)
    @Pattern(Defaults.STACK_NAME_PATTERN)
    @JsonPropertyDescription("The PanStack of this namespace to restore (a restore never reaches another namespace).")
    private String stack;

    @Size(max = 253)
    @Pattern(Defaults.OBJECT_NAME_PATTERN)
    @JsonPropertyDescription("A Completed PanStackBackup of this namespace and stack to restore from.")
    private String backup;

    @Size(max = 1024)
    @Pattern(RestoreSpec.BACKUP_PATTERN)
    @JsonPropertyDescription("Or where the backup is: s3://<the stack's bucket>/backups/<file>.sql.gz, or a file name on the stack's backup volume (<schema>-<time>.sql.gz). Only the stack's own backups: another bucket is refused.")
    private String location;

    @Size(min = 1, max = 255)
    @Pattern(RestoreSpec.RDS_SNAPSHOT_PATTERN)
    @JsonPropertyDescription("Or, for a stack on RDS: a DB snapshot of this stack's instance (or of no PanStack's) to restore into a new instance, which Pi is then pointed at; the current instance is kept.")
    private String rdsSnapshotId;

    @Size(max = 35)
    @Pattern(POINT_IN_TIME_PATTERN)
    @JsonPropertyDescription("Or, for a stack on RDS: the time to restore the current instance to (RFC 3339, e.g. 2026-11-29T14:05:00Z, no later than status.database.latestRestorableTime), or latest. A new instance is made, Pi is pointed at it, and the current instance is kept.")
    private String pointInTime;

    public String getStack() { return stack; }
    public void setStack(String stack) { this.stack = stack; }
    public String getBackup() { return backup; }
    public void setBackup(String backup) { this.backup = backup; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getRdsSnapshotId() { return rdsSnapshotId; }
    public void setRdsSnapshotId(String rdsSnapshotId) { this.rdsSnapshotId = rdsSnapshotId; }
    public String getPointInTime() { return pointInTime; }
    public void setPointInTime(String pointInTime) { this.pointInTime = pointInTime; }

    /** Restored by AWS into a new RDS instance, not by a Job into the current repository. */
    public boolean intoNewRdsInstance() {
        return rdsSnapshotId != null || pointInTime != null;
    }
}
