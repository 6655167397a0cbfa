package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;

/** Size and class of a PersistentVolumeClaim the operator creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class VolumeSpec {
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("StorageClass of the volume; empty means the cluster's default class. Fixed once the volume exists.")
    private String storageClassName;

    public String getStorageClassName() { return storageClassName; }
    public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }

    public abstract String size();
}
