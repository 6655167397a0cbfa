package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Proving the logical backups restore: the newest is restored into a scratch MariaDB of its own and checked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "enabled", "schedule", "scratchSize" })
public class BackupVerifySpec {
    /** Weekly, on Sunday at 04:00 UTC: after the daily backup of 02:00. */
    public static final String SCHEDULE = "0 4 * * 0";
    public static final String SCRATCH_SIZE = "20Gi";

    @Default("true")
    @JsonPropertyDescription("Verify the newest logical backup on the schedule (and on panstack.io/verify-now): a Job restores it into a MariaDB server of its own, never the stack's database, and checks every table's rows, the routines, triggers and views against the manifest written beside the backup. false turns it off (condition BackupVerified False, reason VerificationDisabled).")
    private Boolean enabled = true;

    @Default(SCHEDULE)
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("When to verify: a cron schedule in UTC, e.g. \"0 4 * * 0\" (Sundays at 04:00). A verification that has not passed since the last scheduled run (plus 6 hours) is overdue: BackupVerified turns False.")
    private String schedule = SCHEDULE;

    @Default(SCRATCH_SIZE)
    @Size(min = 1, max = 32)
    @Pattern(Defaults.STORAGE_SIZE_PATTERN)
    @ValidationRule(value = Defaults.NONZERO_SIZE_RULE, message = "scratchSize must be greater than zero")
    @JsonPropertyDescription("Room for the scratch server's data: the verification pod's emptyDir size limit and ephemeral-storage limit. At least the restored repository (several times the compressed backup).")
    private String scratchSize = SCRATCH_SIZE;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getScratchSize() { return scratchSize; }
    public void setScratchSize(String scratchSize) { this.scratchSize = scratchSize; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }

    public boolean enabled() { return enabled == null || enabled; }
}
