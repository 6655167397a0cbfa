package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** S3 Object Lock retention of each backup: no one, the operator included, can delete it before it ends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "mode", "days" })
public class BackupLockSpec {
    public enum Mode {
        /** Users with s3:BypassGovernanceRetention can still delete or shorten it. */
        GOVERNANCE,
        /** No one can, not even the account's root user, until it ends. */
        COMPLIANCE
    }

    @Required
    @JsonPropertyDescription("GOVERNANCE (users with s3:BypassGovernanceRetention may still delete) or COMPLIANCE (no one can, until it ends).")
    private Mode mode;

    @Required
    @Min(1)
    @Max(36500)
    @JsonPropertyDescription("Days each backup (and its manifest) stays locked after it is uploaded.")
    private Integer days;

    public Mode getMode() { return mode; }
    public void setMode(Mode mode) { this.mode = mode; }
    public Integer getDays() { return days; }
    public void setDays(Integer days) { this.days = days; }
}
