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
@JsonPropertyOrder({ "stack", "job" })
@ValidationRule(value = "self == oldSelf", message = "spec cannot change: create another PanStackBackup")
public class PanStackBackupSpec {
    @Required
    @Size(min = 1, max = 40)
    @Pattern(Defaults.STACK_NAME_PATTERN)
    @JsonPropertyDescription("The PanStack of this namespace to back up (a backup never reaches another namespace).")
    private String stack;

    @Size(max = 63)
    @Pattern(Defaults.OBJECT_NAME_PATTERN)
    @JsonPropertyDescription("Set by the operator on the backups it takes itself: the Job that took it. Leave unset: the operator starts a backup Job for this object.")
    private String job;

    public String getStack() { return stack; }
    public void setStack(String stack) { this.stack = stack; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
}
