package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.accessMode == oldSelf.accessMode",
    message = "accessMode cannot change once the volume exists (a PersistentVolumeClaim's access mode is immutable)")
@ValidationRule(value = "has(self.storageClassName) == has(oldSelf.storageClassName) && (!has(self.storageClassName) || self.storageClassName == oldSelf.storageClassName)",
    message = "storageClassName cannot change once the volume exists")
public class FilesVolumeSpec extends VolumeSpec {
    @Default(Defaults.FILES_STORAGE)
    @Size(min = 1, max = 32)
    @Pattern(Defaults.STORAGE_SIZE_PATTERN)
    @ValidationRule(value = Defaults.NONZERO_SIZE_RULE, message = "size must be greater than zero")
    @JsonPropertyDescription("Size of the files volume, e.g. 5Gi.")
    private String size = Defaults.FILES_STORAGE;

    @Default(Defaults.ACCESS_MODE)
    @JsonPropertyDescription("ReadWriteOnce (default; the dashboard and scheduler, which share the keys folder, are then placed on the same node) or ReadWriteMany (needs a storage class that offers it, e.g. NFS or EFS; required for more than one dashboard replica).")
    private FilesAccessMode accessMode = FilesAccessMode.ReadWriteOnce;

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }
    public FilesAccessMode getAccessMode() { return accessMode; }
    public void setAccessMode(FilesAccessMode accessMode) { this.accessMode = accessMode; }

    @Override
    public String size() { return size; }

    public FilesAccessMode accessMode() { return accessMode == null ? FilesAccessMode.ReadWriteOnce : accessMode; }
}
