package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.efs) == has(oldSelf.efs)",
    message = "files cannot move between persistentVolume and efs after creation: the files would be left behind. Create a new PanStack and copy them")
public class FilesSpec {
    @Default("{}")
    @JsonPropertyDescription("The PersistentVolumeClaim holding the shared files (ignored when efs is set).")
    private FilesVolumeSpec persistentVolume = new FilesVolumeSpec();

    @JsonPropertyDescription("Keep the files on Amazon EFS instead: a file system (created or adopted), mount targets, an access point, and a PersistentVolume for the EFS CSI driver. Allows several dashboard replicas.")
    private EfsFilesSpec efs;

    @Default("true")
    @JsonPropertyDescription("Before the dashboard starts, copy the image's own themes, images, files, svg and locale into those folders of the volume when they are empty (what a Docker named volume does by itself). Never overwrites.")
    private Boolean seedFromImage = true;

    @JsonPropertyDescription("Copy folders of the stack's bucket (spec.bucket) onto the files volume, once: when the bucket is ready, a Job <name>-seed-files copies what the volume does not have yet. It never overwrites or deletes a file, and never runs again once it has succeeded (status.files.seededAt), even if this changes. The workloads do not wait for it.")
    private SeedFromBucketSpec seedFromBucket;

    public FilesVolumeSpec getPersistentVolume() { return persistentVolume; }
    public void setPersistentVolume(FilesVolumeSpec persistentVolume) {
        this.persistentVolume = persistentVolume != null ? persistentVolume : new FilesVolumeSpec();
    }
    public EfsFilesSpec getEfs() { return efs; }
    public void setEfs(EfsFilesSpec efs) { this.efs = efs; }
    public Boolean getSeedFromImage() { return seedFromImage; }
    public void setSeedFromImage(Boolean seedFromImage) { this.seedFromImage = seedFromImage; }

    public SeedFromBucketSpec getSeedFromBucket() { return seedFromBucket; }
    public void setSeedFromBucket(SeedFromBucketSpec seedFromBucket) { this.seedFromBucket = seedFromBucket; }

    public boolean seedFromImage() { return seedFromImage == null || seedFromImage; }

    /** The files can be mounted on one node only (a ReadWriteOnce claim, not EFS): its pods must share that node. */
    public boolean oneNodeOnly() {
        return efs == null && persistentVolume.accessMode() == FilesAccessMode.ReadWriteOnce;
    }
}
