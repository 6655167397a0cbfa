package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where an in-place restore stands; all times RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "phase", "source", "safetyBackup", "restoredInstance", "previousInstance", "job", "jobStartTime", "startTime", "completionTime", "piStopped",
        "message" })
public class PanStackRestoreStatus {
    public enum RestorePhase {
        /** Waiting: for another restore of the stack, or for its backup to be known. */
        Pending,
        /** The dashboard and scheduler are being stopped: nothing may write to the repository during the restore. */
        StoppingPi,
        /** A backup of the current repository is taken, to put back if the restore fails. */
        SafetyBackup,
        /** The repository is being replaced. */
        Restoring,
        /** RDS: AWS restores a new instance (Pi keeps running on the current one meanwhile). */
        CreatingInstance,
        /** RDS: the new instance is ready; Pi is pointed at it. */
        Repointing,
        Completed,
        Failed
    }

    @JsonPropertyDescription("Pending, StoppingPi, SafetyBackup, Restoring, Completed or Failed; for an RDS restore Pending, CreatingInstance, Repointing, Completed or Failed.")
    private RestorePhase phase;
    @JsonPropertyDescription("The backup restored from.")
    private String source;
    @JsonPropertyDescription("The backup of the repository taken just before it was replaced (the way back).")
    private String safetyBackup;
    @JsonPropertyDescription("RDS: the new instance the snapshot or point in time is restored into (the stack's instance once Completed).")
    private String restoredInstance;
    @JsonPropertyDescription("RDS: the instance Pi ran on before, kept with its data and never deleted by the restore. Delete it in AWS once it is no longer needed; otherwise it goes with the stack, by the stack's deletionPolicy.")
    private String previousInstance;
    @JsonPropertyDescription("The Job that replaces the repository, once started (never started twice).")
    private String job;
    private String jobStartTime;
    private String startTime;
    private String completionTime;
    @JsonPropertyDescription("True while the restore keeps the dashboard and scheduler stopped (also after a failure that left the repository partial: see message).")
    private Boolean piStopped;
    @JsonPropertyDescription("What it waits for, or why it failed and what the repository holds now.")
    private String message;

    public RestorePhase getPhase() { return phase; }
    public void setPhase(RestorePhase phase) { this.phase = phase; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getSafetyBackup() { return safetyBackup; }
    public void setSafetyBackup(String safetyBackup) { this.safetyBackup = safetyBackup; }
    public String getRestoredInstance() { return restoredInstance; }
    public void setRestoredInstance(String restoredInstance) { this.restoredInstance = restoredInstance; }
    public String getPreviousInstance() { return previousInstance; }
    public void setPreviousInstance(String previousInstance) { this.previousInstance = previousInstance; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public String getJobStartTime() { return jobStartTime; }
    public void setJobStartTime(String jobStartTime) { this.jobStartTime = jobStartTime; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getCompletionTime() { return completionTime; }
    public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
    public Boolean getPiStopped() { return piStopped; }
    public void setPiStopped(Boolean piStopped) { this.piStopped = piStopped; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }

    public boolean finished() {
        return phase == RestorePhase.Completed || phase == RestorePhase.Failed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PanStackRestoreStatus that && phase == that.phase && Objects.equals(source, that.source)
                && Objects.equals(safetyBackup, that.safetyBackup) && Objects.equals(job, that.job)
                && Objects.equals(restoredInstance, that.restoredInstance)
                && Objects.equals(previousInstance, that.previousInstance)
                && Objects.equals(jobStartTime, that.jobStartTime) && Objects.equals(startTime, that.startTime)
                && Objects.equals(completionTime, that.completionTime) && Objects.equals(piStopped, that.piStopped)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, source, safetyBackup, restoredInstance, previousInstance, job, jobStartTime, startTime, completionTime, piStopped, message);
    }
}
