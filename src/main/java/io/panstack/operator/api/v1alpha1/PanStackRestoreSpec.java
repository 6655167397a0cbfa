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
@JsonPropertyOrder({ "stack", "backup", "location" })
@ValidationRule(value = "self == oldSelf", message = "spec cannot change: create another PanStackRestore")
@ValidationRule(value = "has(self.backup) != has(self.location)", message = "set exactly one of backup and location")
public class PanStackRestoreSpec {
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

    public String getStack() { return stack; }
    public void setStack(String stack) { this.stack = stack; }
    public String getBackup() { return backup; }
    public void setBackup(String backup) { this.backup = backup; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
}
