package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class FilesStatus {
    @JsonPropertyDescription("PersistentVolumeClaim holding the shared files.")
    private String claimName;
    @JsonPropertyDescription("Its access mode.")
    private FilesAccessMode accessMode;
    @JsonPropertyDescription("Capacity reported by the bound volume.")
    private String capacity;

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

    @Override
    public boolean equals(Object o) {
        return o instanceof FilesStatus that && Objects.equals(claimName, that.claimName) && accessMode == that.accessMode
                && Objects.equals(capacity, that.capacity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(claimName, accessMode, capacity);
    }
}
