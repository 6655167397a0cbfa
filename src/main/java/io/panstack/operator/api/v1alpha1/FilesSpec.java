package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class FilesSpec {
    @Default("{}")
    @JsonPropertyDescription("The PersistentVolumeClaim holding the shared files.")
    private FilesVolumeSpec persistentVolume = new FilesVolumeSpec();

    @Default("true")
    @JsonPropertyDescription("Before the dashboard starts, copy the image's own themes, images, files, svg and locale into those folders of the volume when they are empty (what a Docker named volume does by itself). Never overwrites.")
    private Boolean seedFromImage = true;

    public FilesVolumeSpec getPersistentVolume() { return persistentVolume; }
    public void setPersistentVolume(FilesVolumeSpec persistentVolume) {
        this.persistentVolume = persistentVolume != null ? persistentVolume : new FilesVolumeSpec();
    }
    public Boolean getSeedFromImage() { return seedFromImage; }
    public void setSeedFromImage(Boolean seedFromImage) { this.seedFromImage = seedFromImage; }

    public boolean seedFromImage() { return seedFromImage == null || seedFromImage; }
}
