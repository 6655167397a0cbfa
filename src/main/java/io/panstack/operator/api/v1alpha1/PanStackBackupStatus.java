package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where one backup stands; all times RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "phase", "origin", "kind", "job", "startTime", "completionTime", "location", "copyLocation", "sizeBytes",
        "message" })
public class PanStackBackupStatus {
    public enum BackupPhase {
        /** Waiting to start (the stack or its bucket is not ready yet). */
        Pending,
        Running,
        Completed,
        Failed
    }

    @JsonPropertyDescription("Pending, Running, Completed or Failed.")
    private BackupPhase phase;
    @JsonPropertyDescription("Who asked for it: Scheduled (spec.backup.schedule), Annotation (panstack.io/backup-now), Upgrade (before a new version), Restore (the safety backup before a PanStackRestore), or Requested (this object was created to take it).")
    private String origin;
    @JsonPropertyDescription("Logical: the vendor's dump of the repository schema, gzip-compressed, with its manifest beside it.")
    private String kind;
    @JsonPropertyDescription("The Job that takes the backup.")
    private String job;
    private String startTime;
    private String completionTime;
    @JsonPropertyDescription("Where the backup is: s3://<bucket>/backups/<file> or pvc://<claim>/<file>; restore from it with database.restoreFrom.backup.")
    private String location;
    @JsonPropertyDescription("Where its second copy is (spec.backup.copyTo of the stack), when it has one.")
    private String copyLocation;
    @JsonPropertyDescription("Size of the compressed backup in bytes.")
    private Long sizeBytes;
    @JsonPropertyDescription("Why it is pending, or why it failed; or why its data was kept although panstack.io/delete-data asked for its deletion.")
    private String message;

    public BackupPhase getPhase() { return phase; }
    public void setPhase(BackupPhase phase) { this.phase = phase; }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getCompletionTime() { return completionTime; }
    public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getCopyLocation() { return copyLocation; }
    public void setCopyLocation(String copyLocation) { this.copyLocation = copyLocation; }
    public Long getSizeBytes() { return sizeBytes; }
    public void setSizeBytes(Long sizeBytes) { this.sizeBytes = sizeBytes; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }

    /** A copy with another message (why a finished backup's data was kept although its deletion was asked for). */
    public PanStackBackupStatus withMessage(String newMessage) {
        PanStackBackupStatus copy = new PanStackBackupStatus();
        copy.phase = phase;
        copy.origin = origin;
        copy.kind = kind;
        copy.job = job;
        copy.startTime = startTime;
        copy.completionTime = completionTime;
        copy.location = location;
        copy.copyLocation = copyLocation;
        copy.sizeBytes = sizeBytes;
        copy.message = newMessage;
        return copy;
    }

    /** Finished: its status never changes again (but for the message of a deletion that was refused). */
    public boolean finished() {
        return phase == BackupPhase.Completed || phase == BackupPhase.Failed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PanStackBackupStatus that && phase == that.phase && Objects.equals(origin, that.origin)
                && Objects.equals(kind, that.kind) && Objects.equals(job, that.job)
                && Objects.equals(startTime, that.startTime) && Objects.equals(completionTime, that.completionTime)
                && Objects.equals(location, that.location) && Objects.equals(copyLocation, that.copyLocation)
                && Objects.equals(sizeBytes, that.sizeBytes)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, origin, kind, job, startTime, completionTime, location, copyLocation, sizeBytes,
                message);
    }
}
