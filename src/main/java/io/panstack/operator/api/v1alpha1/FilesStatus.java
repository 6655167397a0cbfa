package io.panstack.operator.api.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class FilesStatus implements DriftReport {
    @JsonPropertyDescription("PersistentVolumeClaim holding the shared files.")
    private String claimName;
    @JsonPropertyDescription("Its access mode.")
    private FilesAccessMode accessMode;
    @JsonPropertyDescription("Capacity reported by the bound volume.")
    private String capacity;
    @JsonPropertyDescription("EFS: the file system id.")
    private String fileSystemId;
    @JsonPropertyDescription("EFS: the access point the volume mounts.")
    private String accessPointId;
    @JsonPropertyDescription("EFS: when AWS Backup made the newest recovery point of the file system (RFC 3339).")
    private String lastRecoveryPointTime;
    @JsonPropertyDescription("EFS: why AWS Backup's recovery points could not be read on the last look (lastRecoveryPointTime keeps its last known value). Reported only: nothing waits for it.")
    private String lastRecoveryPointError;
    @JsonPropertyDescription("EFS: why automatic backups (the file system's backup policy) could not be checked or turned on, on the last look. The file system is used regardless.")
    private String backupPolicyError;
    @JsonPropertyDescription("When the files volume was seeded from the bucket (RFC 3339; the seeding Job's completion time). Once set, seeding never runs again.")
    private String seededAt;
    @JsonPropertyDescription("What it was seeded from, e.g. s3://bucket/{themes,images}.")
    private String seededFrom;
    @JsonPropertyDescription("The PersistentVolume the claim is bound to. Under deletionPolicy Retain or Snapshot its reclaim policy is Retain, so it outlives the claim, even a deleted namespace; a new claim binds to it by this name (spec.volumeName).")
    private String volumeName;
    @JsonPropertyDescription(DriftReport.DESCRIPTION)
    private List<String> drift;

    public FilesStatus() {
    }

    public FilesStatus(String claimName, FilesAccessMode accessMode, String capacity) {
        this.claimName = claimName;
        this.accessMode = accessMode;
        this.capacity = capacity;
    }

    public String getClaimName() { return claimName; }
    public void setClaimName(String claimName) { this.claimName = claimName; }
    public FilesAccessMode getAccessMode() { return accessMode; }
    public void setAccessMode(FilesAccessMode accessMode) { this.accessMode = accessMode; }
    public String getCapacity() { return capacity; }
    public void setCapacity(String capacity) { this.capacity = capacity; }
    public String getFileSystemId() { return fileSystemId; }
    public void setFileSystemId(String fileSystemId) { this.fileSystemId = fileSystemId; }
    public String getLastRecoveryPointTime() { return lastRecoveryPointTime; }
    public void setLastRecoveryPointTime(String lastRecoveryPointTime) { this.lastRecoveryPointTime = lastRecoveryPointTime; }
    public String getLastRecoveryPointError() { return lastRecoveryPointError; }
    public void setLastRecoveryPointError(String lastRecoveryPointError) { this.lastRecoveryPointError = lastRecoveryPointError; }
    public String getBackupPolicyError() { return backupPolicyError; }
    public void setBackupPolicyError(String backupPolicyError) { this.backupPolicyError = backupPolicyError; }
    public String getAccessPointId() { return accessPointId; }
    public void setAccessPointId(String accessPointId) { this.accessPointId = accessPointId; }
    public String getSeededAt() { return seededAt; }
    public void setSeededAt(String seededAt) { this.seededAt = seededAt; }
    public String getSeededFrom() { return seededFrom; }
    public void setSeededFrom(String seededFrom) { this.seededFrom = seededFrom; }

    @Override
    public List<String> getDrift() { return drift; }
    @Override
    public void setDrift(List<String> drift) { this.drift = drift; }

    public String getVolumeName() { return volumeName; }
    public void setVolumeName(String volumeName) { this.volumeName = volumeName; }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilesStatus that && Objects.equals(claimName, that.claimName) && accessMode == that.accessMode
                && Objects.equals(capacity, that.capacity) && Objects.equals(fileSystemId, that.fileSystemId)
                && Objects.equals(accessPointId, that.accessPointId)
                && Objects.equals(lastRecoveryPointTime, that.lastRecoveryPointTime)
                && Objects.equals(lastRecoveryPointError, that.lastRecoveryPointError)
                && Objects.equals(backupPolicyError, that.backupPolicyError) && Objects.equals(seededAt, that.seededAt)
                && Objects.equals(seededFrom, that.seededFrom)
                && Objects.equals(drift, that.drift)
                && Objects.equals(volumeName, that.volumeName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(claimName, accessMode, capacity, fileSystemId, accessPointId, lastRecoveryPointTime,
                lastRecoveryPointError, backupPolicyError, seededAt, seededFrom, drift, volumeName);
    }
}
