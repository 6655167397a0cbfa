package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LocalObjectReference;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "version", "registry", "imagePullSecrets", "licence", "externalUrl", "ingress", "dashboard",
        "renderer", "scheduler", "analytics", "excelReader", "adminer", "database", "files", "bucket", "backup", "aws", "scheduling", "networkPolicy", "jobIdentity", "deletionPolicy", "deleteRecoveryPoints", "suspend", "hibernation" })
@ValidationRule(value = "!self.ingress.enabled || has(self.externalUrl)",
    message = "ingress.enabled needs spec.externalUrl: the Ingress host is taken from it")
@ValidationRule(value = "!has(self.ingress.tlsSecretName) || (has(self.externalUrl) && self.externalUrl.startsWith('https://'))",
    message = "ingress.tlsSecretName needs an https:// externalUrl")
@ValidationRule(value = "((!has(self.dashboard.replicas) || self.dashboard.replicas <= 1) && (!has(self.dashboard.autoscaling) || self.dashboard.autoscaling.maxReplicas <= 1)) || has(self.files.efs) || self.files.persistentVolume.accessMode == 'ReadWriteMany'",
    message = "dashboard.replicas or autoscaling.maxReplicas > 1 needs shared files every replica can mount: use files.efs, or set files.persistentVolume.accessMode to ReadWriteMany (with a storage class that supports it)")
@ValidationRule(value = "!has(self.files.seedFromBucket) || has(self.bucket)",
    message = "files.seedFromBucket needs spec.bucket: the files are copied from the stack's bucket")
@ValidationRule(value = "has(self.bucket) || (!has(self.backup.copyTo) && !has(self.backup.kmsKeyId) && !has(self.backup.objectLock))",
    message = "backup.copyTo, backup.kmsKeyId and backup.objectLock need spec.bucket: without one, backups go to a volume")
@ValidationRule(value = "!has(self.backup.objectLock) || !has(self.bucket) || !has(self.bucket.versioning) || self.bucket.versioning",
    message = "backup.objectLock needs a versioned bucket: S3 Object Lock works on versions (leave bucket.versioning unset or true)")
// Transition rules on the sections themselves do not run when a section is removed: these hold then too.
@ValidationRule(value = "!has(oldSelf.aws) || !has(oldSelf.aws.region) || (has(self.aws) && has(self.aws.region) && self.aws.region == oldSelf.aws.region)",
    message = "aws.region cannot change (removing spec.aws changes it too): the stack's AWS resources stay in the region they were made in")
@ValidationRule(value = "!has(oldSelf.bucket) || has(self.bucket)",
    message = "bucket cannot be removed once set: the stack's bucket holds its backups; deleting the PanStack lets it go per deletionPolicy")
public class PanStackSpec {
    // Setters of defaulted sections turn null into the defaults, as the API server does with a null field, so the
    // operator never meets a missing section.

    @Required
    @Size(min = 1, max = 63)
    // An image tag that is also a valid label value (it labels the workloads): letters and digits at both ends.
    @Pattern("^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$")
    @JsonPropertyDescription("Pi release to run, the image tag shared by the dashboard, renderer, scheduler, analytics and excel-reader images (vendor tags look like 2025_10.1 or 2024_08). Pin a release; changing it rolls every Pi component.")
    private String version;

    @Default(Defaults.REGISTRY)
    @Size(min = 1, max = 255)
    @ValidationRule(value = "!self.contains('://') && !self.endsWith('/')",
        message = "registry is an image prefix such as ghcr.io/pi-cr: no scheme and no trailing '/'")
    @JsonPropertyDescription("Image prefix for the Pi images: <registry>/server, /renderer, /scheduler, /pirana and /excel-reader. The vendor's images at ghcr.io/pi-cr are private; the vendor recommends mirroring them into your own registry.")
    private String registry = Defaults.REGISTRY;

    @JsonPropertyDescription("Secrets used to pull the Pi images (for ghcr.io/pi-cr: a GitHub user granted access by Panintelligence support).")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("Where the licence is kept; passed to the dashboard as PI_LICENCE. Optional: without it the licence is applied in the dashboard on first run.")
    private LicenceSpec licence;

    @Size(max = 2048)
    @ValidationRule(value = "self.matches('^https?://[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?/?$')",
        message = "externalUrl must look like https://bi.example.com or http://host:8080 (lower-case host, no path: Pi always serves under /pi)")
    @JsonPropertyDescription("URL users reach the dashboard at, without the /pi path, e.g. https://bi.example.com. Sets the dashboard's PI_PROXY_* settings, secure cookies for https, and the Ingress host.")
    private String externalUrl;

    @Default("{}")
    @JsonPropertyDescription("Ingress for the dashboard (needs externalUrl). Only the dashboard is exposed; adminer and the internal services never are.")
    private IngressSpec ingress = new IngressSpec();

    @Default("{}")
    @JsonPropertyDescription("The Pi dashboard (Tomcat web app, image <registry>/server).")
    private DashboardSpec dashboard = new DashboardSpec();

    @Default("{}")
    @JsonPropertyDescription("The renderer, which turns dashboards into images and PDFs (image <registry>/renderer).")
    private ScalableComponentSpec renderer = ComponentDefaults.RENDERER.applyTo(null, ScalableComponentSpec::new);

    @Default("{}")
    @JsonPropertyDescription("The scheduler (\"pi Reports\"), which runs scheduled reports; always one replica (image <registry>/scheduler).")
    private OptionalComponentSpec scheduler = ComponentDefaults.SCHEDULER.applyTo(null, OptionalComponentSpec::new);

    @Default("{}")
    @JsonPropertyDescription("Analytics, also called pirana and sold as the licensed module \"pi Predict\" (image <registry>/pirana).")
    private ScalableComponentSpec analytics = ComponentDefaults.ANALYTICS.applyTo(null, ScalableComponentSpec::new);

    @Default("{}")
    @JsonPropertyDescription("The excel reader, which serves Excel files as a data source (image <registry>/excel-reader). Off by default.")
    private ScalableComponentSpec excelReader = ComponentDefaults.EXCEL_READER.applyTo(null, ScalableComponentSpec::new);

    @Default("{}")
    @JsonPropertyDescription("Adminer, a web UI for the repository database. Off by default and never exposed by the Ingress: reach it with kubectl port-forward.")
    private AdminerSpec adminer = new AdminerSpec();

    @Default("{}")
    @JsonPropertyDescription("The repository database. Set at most one mode: inCluster (the default when none is set) or external. The mode cannot change after creation.")
    private DatabaseSpec database = new DatabaseSpec();

    @Default("{}")
    @JsonPropertyDescription("The shared files volume: themes, images, files, svg, locale, custom_jdbc and keys.")
    private FilesSpec files = new FilesSpec();

    @JsonPropertyDescription("An S3 bucket for the stack, created (private, encrypted, versioned) or adopted (only what the spec writes is enforced; status.bucket.drift lists the rest).")
    private BucketSpec bucket;

    @Default("{}")
    @JsonPropertyDescription("Scheduled logical backups of the repository database (any database mode), to the bucket when there is one, else to a backup volume; and the recovery point objective BackupHealthy checks. On by default (daily); backup.enabled: false opts out.")
    private BackupSpec backup = new BackupSpec();

    @JsonPropertyDescription("Region and tags of the stack's AWS resources (database.rds, files.efs, bucket).")
    private AwsSpec aws;

    @JsonPropertyDescription("Scheduling of every pod of the stack (Pi, adminer, MariaDB): node selector, tolerations, affinity, spread, priority, extra pod labels and annotations, ServiceAccount. Each component's own scheduling replaces it field by field.")
    private SchedulingSpec scheduling;

    @Default("{}")
    @JsonPropertyDescription("Network isolation, on by default: a NetworkPolicy per component lets only the dashboard be reached from outside the stack (from dashboardFrom, default anywhere, on its HTTP port only); everything else takes traffic only from the stack's own pods. networkPolicy.enabled: false turns it off.")
    private NetworkPolicySpec networkPolicy = new NetworkPolicySpec();

    @JsonPropertyDescription("The ServiceAccount <name>-jobs the operator makes for the stack's backup, restore and files-seeding pods (unless their own serviceAccountName is set), so an IAM role given to them reaches no other pod of the namespace.")
    private JobIdentitySpec jobIdentity;

    @Default(Defaults.DELETION_POLICY)
    @JsonPropertyDescription("What happens to the data when the PanStack is deleted. Retain (default): the database volume, its credentials, the files volume, the RDS instance, the EFS file system and the bucket are all kept (the AWS ones lose their panstack.io/managed-by tag). Snapshot: as Retain, but the RDS instance is deleted after a final snapshot. Delete: everything is deleted with the PanStack but the last recovery points: the RDS instance after a final snapshot, the bucket's objects but its backups/ folder (the bucket stays, holding only those), the in-cluster backup volume not at all; see deleteRecoveryPoints. The PanStack stays (phase Deleting) until AWS has finished.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

    @Default("false")
    @JsonPropertyDescription("Only with deletionPolicy Delete, a second and explicit choice: delete the last recovery points too (no final RDS snapshot; the bucket with its backups; the backup volume). Off by default, so deleting a PanStack (e.g. a GitOps prune) never removes every way back.")
    private Boolean deleteRecoveryPoints = false;

    @Default("false")
    @JsonPropertyDescription("Scale the Pi components to zero (e.g. nights and weekends of a non-production stack). The database, files, bucket and backups stay as they are; deletion is never blocked. Phase Suspended.")
    private Boolean suspend = false;

    @JsonPropertyDescription("Scheduled sleep (non-production stacks): awake windows in a time zone. Outside them Pi and the in-cluster MariaDB are scaled to zero (volumes kept) and the RDS instance is stopped (stopped again if AWS starts it after 7 days); phase Hibernating. Waking starts the database first, then Pi. Nothing is stopped while a backup, restore or upgrade runs. spec.suspend still stops Pi whatever the schedule.")
    private HibernationSpec hibernation;

    public HibernationSpec getHibernation() { return hibernation; }
    public void setHibernation(HibernationSpec hibernation) { this.hibernation = hibernation; }

    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getRegistry() { return registry; }
    public void setRegistry(String registry) { this.registry = registry; }
    public List<LocalObjectReference> getImagePullSecrets() { return imagePullSecrets; }
    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) { this.imagePullSecrets = imagePullSecrets; }
    public LicenceSpec getLicence() { return licence; }
    public void setLicence(LicenceSpec licence) { this.licence = licence; }
    public String getExternalUrl() { return externalUrl; }
    public void setExternalUrl(String externalUrl) { this.externalUrl = externalUrl; }
    public IngressSpec getIngress() { return ingress; }
    public void setIngress(IngressSpec ingress) { this.ingress = ingress != null ? ingress : new IngressSpec(); }
    public DashboardSpec getDashboard() { return dashboard; }
    public void setDashboard(DashboardSpec dashboard) { this.dashboard = dashboard != null ? dashboard : new DashboardSpec(); }
    public ScalableComponentSpec getRenderer() { return renderer; }
    public void setRenderer(ScalableComponentSpec renderer) { this.renderer = ComponentDefaults.RENDERER.applyTo(renderer, ScalableComponentSpec::new); }
    public OptionalComponentSpec getScheduler() { return scheduler; }
    public void setScheduler(OptionalComponentSpec scheduler) { this.scheduler = ComponentDefaults.SCHEDULER.applyTo(scheduler, OptionalComponentSpec::new); }
    public ScalableComponentSpec getAnalytics() { return analytics; }
    public void setAnalytics(ScalableComponentSpec analytics) { this.analytics = ComponentDefaults.ANALYTICS.applyTo(analytics, ScalableComponentSpec::new); }
    public ScalableComponentSpec getExcelReader() { return excelReader; }
    public void setExcelReader(ScalableComponentSpec excelReader) { this.excelReader = ComponentDefaults.EXCEL_READER.applyTo(excelReader, ScalableComponentSpec::new); }
    public AdminerSpec getAdminer() { return adminer; }
    public void setAdminer(AdminerSpec adminer) { this.adminer = adminer != null ? adminer : new AdminerSpec(); }
    public DatabaseSpec getDatabase() { return database; }
    public void setDatabase(DatabaseSpec database) { this.database = database != null ? database : new DatabaseSpec(); }
    public FilesSpec getFiles() { return files; }
    public void setFiles(FilesSpec files) { this.files = files != null ? files : new FilesSpec(); }
    public Boolean getSuspend() { return suspend; }
    public void setSuspend(Boolean suspend) { this.suspend = suspend; }
    public boolean suspended() { return suspend != null && suspend; }
    public BucketSpec getBucket() { return bucket; }
    public void setBucket(BucketSpec bucket) { this.bucket = bucket; }
    public BackupSpec getBackup() { return backup; }
    public void setBackup(BackupSpec backup) { this.backup = backup != null ? backup : new BackupSpec(); }
    /** Whether the stack takes logical backups: yes unless spec.backup.enabled opts out. */
    public boolean backsUp() { return backup == null || backup.enabled(); }
    public JobIdentitySpec getJobIdentity() { return jobIdentity; }
    public void setJobIdentity(JobIdentitySpec jobIdentity) { this.jobIdentity = jobIdentity; }
    public NetworkPolicySpec getNetworkPolicy() { return networkPolicy; }
    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) { this.networkPolicy = networkPolicy == null ? new NetworkPolicySpec() : networkPolicy; }
    public SchedulingSpec getScheduling() { return scheduling; }
    public void setScheduling(SchedulingSpec scheduling) { this.scheduling = scheduling; }
    public AwsSpec getAws() { return aws; }
    public void setAws(AwsSpec aws) { this.aws = aws; }
    public Boolean getDeleteRecoveryPoints() { return deleteRecoveryPoints; }
    public void setDeleteRecoveryPoints(Boolean deleteRecoveryPoints) { this.deleteRecoveryPoints = deleteRecoveryPoints; }
    public DeletionPolicy getDeletionPolicy() { return deletionPolicy; }
    public void setDeletionPolicy(DeletionPolicy deletionPolicy) { this.deletionPolicy = deletionPolicy; }

    /** Whether any part of the stack lives in AWS (and so needs the finalizer and an AWS region). */
    public boolean usesAws() {
        return database.getRds() != null || files.getEfs() != null || bucket != null;
    }

    public DeletionPolicy deletionPolicy() { return deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy; }

    /**
     * Whether something goes when the PanStack is deleted: only under deletionPolicy Delete, and a recovery point
     * (the final RDS snapshot, the logical backups) only when deleteRecoveryPoints says so too.
     */
    public boolean deletesWithStack(boolean recoveryPoint) {
        return deletionPolicy() == DeletionPolicy.Delete && (!recoveryPoint || Boolean.TRUE.equals(deleteRecoveryPoints));
    }
}
