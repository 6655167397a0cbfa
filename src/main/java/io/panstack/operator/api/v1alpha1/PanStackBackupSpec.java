package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which stack to back up; nothing else is chosen here: the stack's spec.backup says how and where. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "stack", "kind", "job" })
@ValidationRule(value = "self == oldSelf", message = "spec cannot change: create another PanStackBackup")
public class PanStackBackupSpec {
    public enum Kind {
        /** The vendor's dump of the repository schema, where spec.backup of the stack says (bucket or volume). */
        Logical,
        /** A manual RDS snapshot of the stack's instance (stacks on RDS only); kept until you delete it. */
        RdsSnapshot
    }

    @Required
    @Size(min = 1, max = 40)
    @Pattern(Defaults.STACK_NAME_PATTERN)
    @JsonPropertyDescription("The PanStack of this namespace to back up (a backup never reaches another namespace).")
    private String stack;

    @JsonPropertyDescription("Logical (the default): a dump, as the stack's spec.backup says; or RdsSnapshot: a manual snapshot of the stack's RDS instance, restored with a PanStackRestore naming this object.")
    private Kind kind;

    @Size(max = 63)
    @Pattern(Defaults.OBJECT_NAME_PATTERN)
    @JsonPropertyDescription("Set by the operator on the backups it takes itself: the Job that took it. Leave unset: the operator starts a backup Job for this object.")
    private String job;

    public String getStack() { return stack; }
    public void setStack(String stack) { this.stack = stack; }
    public Kind getKind() { return kind; }
    public void setKind(Kind kind) { this.kind = kind; }
    public boolean rdsSnapshot() { return kind == Kind.RdsSnapshot; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
}
