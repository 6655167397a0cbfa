package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** When the repository was last backed up, where to, and when next; all times RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "lastSuccessfulTime", "lastFailureTime", "nextScheduledTime", "location", "lastSnapshotTime",
        "lastSnapshotError", "lastOnDemandRequest", "volumeName", "pruneError", "lastVerifiedTime",
        "lastVerificationResult", "lastVerificationTime", "lastVerificationBackup", "lastVerificationMessage",
        "lastVerifyRequest" })
public class BackupStatus {
    @JsonPropertyDescription("Completion of the newest successful logical backup.")
    private String lastSuccessfulTime;
    @JsonPropertyDescription("When the newest failed logical backup run failed (its Job is kept for inspection).")
    private String lastFailureTime;
    @JsonPropertyDescription("When the schedule runs the next logical backup.")
    private String nextScheduledTime;
    @JsonPropertyDescription("Where logical backups go: s3://<bucket>/backups/ or pvc://<claim>/.")
    private String location;
    @JsonPropertyDescription("RDS: when the newest available snapshot of the instance (automated or manual) was taken.")
    private String lastSnapshotTime;
    @JsonPropertyDescription("RDS: why the instance's snapshots could not be listed on the last look (lastSnapshotTime keeps its last known value). Reported only: nothing waits for it.")
    private String lastSnapshotError;
    @JsonPropertyDescription("The last value of the panstack.io/backup-now annotation the operator acted on.")
    private String lastOnDemandRequest;
    @JsonPropertyDescription("The PersistentVolume the claim is bound to. Under deletionPolicy Retain or Snapshot its reclaim policy is Retain, so it outlives the claim, even a deleted namespace; a new claim binds to it by this name (spec.volumeName).")
    private String volumeName;
    @JsonPropertyDescription("Why the last pruning of old backups in the bucket failed (e.g. s3:DeleteObject denied): backups then pile up, none is lost; tried again at each poll.")
    private String pruneError;
    @JsonPropertyDescription("When the newest verification that passed finished: a backup was restored into a scratch MariaDB and matched its manifest.")
    private String lastVerifiedTime;
    @JsonPropertyDescription("Outcome of the newest verification: Passed; Failed (the backup is damaged or does not restore as taken: it no longer counts as fresh); Error (it could not be verified, e.g. no backup to verify, or the download failed).")
    private String lastVerificationResult;
    @JsonPropertyDescription("When the newest verification, of any outcome, finished.")
    private String lastVerificationTime;
    @JsonPropertyDescription("The backup file the newest verification checked.")
    private String lastVerificationBackup;
    @JsonPropertyDescription("What the newest verification found: the tables, rows, routines, triggers and views restored, or why it failed.")
    private String lastVerificationMessage;
    @JsonPropertyDescription("The last value of the panstack.io/verify-now annotation the operator acted on.")
    private String lastVerifyRequest;

    public String getLastSuccessfulTime() { return lastSuccessfulTime; }
    public void setLastSuccessfulTime(String lastSuccessfulTime) { this.lastSuccessfulTime = lastSuccessfulTime; }
    public String getLastFailureTime() { return lastFailureTime; }
    public void setLastFailureTime(String lastFailureTime) { this.lastFailureTime = lastFailureTime; }
    public String getNextScheduledTime() { return nextScheduledTime; }
    public void setNextScheduledTime(String nextScheduledTime) { this.nextScheduledTime = nextScheduledTime; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getLastSnapshotTime() { return lastSnapshotTime; }
    public void setLastSnapshotTime(String lastSnapshotTime) { this.lastSnapshotTime = lastSnapshotTime; }
    public String getLastSnapshotError() { return lastSnapshotError; }
    public void setLastSnapshotError(String lastSnapshotError) { this.lastSnapshotError = lastSnapshotError; }
    public String getLastOnDemandRequest() { return lastOnDemandRequest; }
    public void setLastOnDemandRequest(String lastOnDemandRequest) { this.lastOnDemandRequest = lastOnDemandRequest; }

    public String getPruneError() { return pruneError; }
    public void setPruneError(String pruneError) { this.pruneError = pruneError; }
    public String getLastVerifiedTime() { return lastVerifiedTime; }
    public void setLastVerifiedTime(String lastVerifiedTime) { this.lastVerifiedTime = lastVerifiedTime; }
    public String getLastVerificationResult() { return lastVerificationResult; }
    public void setLastVerificationResult(String lastVerificationResult) { this.lastVerificationResult = lastVerificationResult; }
    public String getLastVerificationTime() { return lastVerificationTime; }
    public void setLastVerificationTime(String lastVerificationTime) { this.lastVerificationTime = lastVerificationTime; }
    public String getLastVerificationBackup() { return lastVerificationBackup; }
    public void setLastVerificationBackup(String lastVerificationBackup) { this.lastVerificationBackup = lastVerificationBackup; }
    public String getLastVerificationMessage() { return lastVerificationMessage; }
    public void setLastVerificationMessage(String lastVerificationMessage) { this.lastVerificationMessage = lastVerificationMessage; }
    public String getLastVerifyRequest() { return lastVerifyRequest; }
    public void setLastVerifyRequest(String lastVerifyRequest) { this.lastVerifyRequest = lastVerifyRequest; }
    public String getVolumeName() { return volumeName; }
    public void setVolumeName(String volumeName) { this.volumeName = volumeName; }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupStatus that && Objects.equals(lastSuccessfulTime, that.lastSuccessfulTime)
                && Objects.equals(lastFailureTime, that.lastFailureTime)
                && Objects.equals(nextScheduledTime, that.nextScheduledTime) && Objects.equals(location, that.location)
                && Objects.equals(lastSnapshotTime, that.lastSnapshotTime)
                && Objects.equals(lastSnapshotError, that.lastSnapshotError)
                && Objects.equals(lastOnDemandRequest, that.lastOnDemandRequest)
                && Objects.equals(volumeName, that.volumeName) && Objects.equals(pruneError, that.pruneError)
                && Objects.equals(lastVerifiedTime, that.lastVerifiedTime)
                && Objects.equals(lastVerificationResult, that.lastVerificationResult)
                && Objects.equals(lastVerificationTime, that.lastVerificationTime)
                && Objects.equals(lastVerificationBackup, that.lastVerificationBackup)
                && Objects.equals(lastVerificationMessage, that.lastVerificationMessage)
                && Objects.equals(lastVerifyRequest, that.lastVerifyRequest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastSuccessfulTime, lastFailureTime, nextScheduledTime, location, lastSnapshotTime,
                lastSnapshotError, lastOnDemandRequest, volumeName, pruneError, lastVerifiedTime, lastVerificationResult,
                lastVerificationTime, lastVerificationBackup, lastVerificationMessage, lastVerifyRequest);
    }
}
