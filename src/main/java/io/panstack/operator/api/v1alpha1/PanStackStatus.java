package io.panstack.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "observedGeneration", "phase", "url", "conditions", "components", "database", "files", "bucket", "backup",
        "awsRegion", "hibernation" })
public class PanStackStatus {
    @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("One-word summary: Provisioning, Ready, Degraded, Failed, Suspended, Hibernating or Deleting. Conditions say why.")
    private Phase phase;

    @JsonPropertyDescription("Where users open the dashboard: externalUrl + /pi, or the in-cluster Service URL without one.")
    private String url;

    @JsonPropertyDescription("Ready, Reconciling, Stalled, DatabaseReady, FilesReady, BucketReady (with a bucket) and WorkloadsReady, shaped like metav1.Condition.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Each enabled component: image, desired and ready replicas, and problems seen on its pods.")
    private List<ComponentStatus> components = new ArrayList<>();

    @JsonPropertyDescription("The repository database the components use.")
    private DatabaseStatus database;

    @JsonPropertyDescription("The shared files volume.")
    private FilesStatus files;

    @JsonPropertyDescription("The stack's S3 bucket.")
    private BucketStatus bucket;

    @JsonPropertyDescription("Logical backups: last success and failure, next run, where they go; RDS snapshots.")
    private BackupStatus backup;

    @JsonPropertyDescription("The AWS region of the stack's RDS instance, EFS file system and bucket, recorded when the operator first reached them. A later spec.aws.region or operator AWS_REGION that differs stalls the stack (AwsRegionChanged) instead of creating new, empty resources elsewhere.")
    private String awsRegion;

    @JsonPropertyDescription("With spec.hibernation: awake, asleep or waking, and the next sleep and wake times.")
    private HibernationStatus hibernation;

    public HibernationStatus getHibernation() { return hibernation; }
    public void setHibernation(HibernationStatus hibernation) { this.hibernation = hibernation; }
    public String getAwsRegion() { return awsRegion; }
    public void setAwsRegion(String awsRegion) { this.awsRegion = awsRegion; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public List<ComponentStatus> getComponents() { return components; }
    public void setComponents(List<ComponentStatus> components) { this.components = components; }
    public DatabaseStatus getDatabase() { return database; }
    public void setDatabase(DatabaseStatus database) { this.database = database; }
    public FilesStatus getFiles() { return files; }
    public void setFiles(FilesStatus files) { this.files = files; }
    public BucketStatus getBucket() { return bucket; }
    public void setBucket(BucketStatus bucket) { this.bucket = bucket; }
    public BackupStatus getBackup() { return backup; }
    public void setBackup(BackupStatus backup) { this.backup = backup; }

    /** A copy sharing the nested objects, which the operator never changes in place. */
    public PanStackStatus copy() {
        PanStackStatus copy = new PanStackStatus();
        copy.setObservedGeneration(observedGeneration);
        copy.setPhase(phase);
        copy.setUrl(url);
        copy.setConditions(new ArrayList<>(conditions));
        copy.setComponents(new ArrayList<>(components));
        copy.setDatabase(database);
        copy.setFiles(files);
        copy.setBucket(bucket);
        copy.setBackup(backup);
        copy.setAwsRegion(awsRegion);
        copy.setHibernation(hibernation);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PanStackStatus that)) {
            return false;
        }
        return Objects.equals(observedGeneration, that.observedGeneration) && phase == that.phase
                && Objects.equals(url, that.url) && Objects.equals(conditions, that.conditions)
                && Objects.equals(components, that.components) && Objects.equals(database, that.database)
                && Objects.equals(files, that.files) && Objects.equals(bucket, that.bucket)
                && Objects.equals(backup, that.backup) && Objects.equals(awsRegion, that.awsRegion)
                && Objects.equals(hibernation, that.hibernation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, url, conditions, components, database, files, bucket, backup,
                awsRegion, hibernation);
    }
}
