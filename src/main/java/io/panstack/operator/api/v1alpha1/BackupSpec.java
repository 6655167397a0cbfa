package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Scheduled logical backups of the repository database (the vendor's mysqldump, compressed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "enabled", "schedule", "retentionDays", "keepNewest", "maxAge", "verify", "kmsKeyId", "objectLock",
        "copyTo", "volume", "serviceAccountName" })
public class BackupSpec {
    public static final String SCHEDULE = "0 2 * * *";
    public static final int RETENTION_DAYS = 14;
    /** A day and two hours: a daily backup that ran late is not yet an alarm. */
    public static final String MAX_AGE = "26h";
    public static final int KEEP_NEWEST = 3;

    @Default("true")
    @JsonPropertyDescription("Logical backups are on unless this says false, an explicit opt-out that status shows (BackupHealthy False, reason BackupsDisabled) and Argo CD reports.")
    private Boolean enabled = true;

    @Default(SCHEDULE)
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("When to back up: a cron schedule in UTC as CronJobs take it, e.g. \"0 2 * * *\" (daily at 02:00) or @daily.")
    private String schedule = SCHEDULE;

    @Default("14")
    @Min(1)
    @Max(3650)
    @JsonPropertyDescription("Days a logical backup is kept, beyond the keepNewest newest, which stay whatever their age. Older ones are pruned: on the backup volume after each successful backup; in the bucket by the operator, only those the stack stored itself (never an earlier stack's, never the one it was restored from). A pruned object stays an old version retentionDays more if the bucket is versioned.")
    private Integer retentionDays = RETENTION_DAYS;

    @Default("3")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("How many of the newest logical backups are kept whatever their age (in the bucket and on the backup volume).")
    private Integer keepNewest = KEEP_NEWEST;

    @Default(MAX_AGE)
    @Size(min = 2, max = 16)
    @Pattern("^([0-9]+[dhm])+$")
    @JsonPropertyDescription("Recovery point objective: BackupHealthy turns False (and phase Degraded) when a kind of backup the stack has (the logical dumps; for RDS, point-in-time recovery) is older, or its last run failed, e.g. 26h, 1d12h.")
    private String maxAge = MAX_AGE;

    @Default("{}")
    @JsonPropertyDescription("Verification of the backups: on by default, weekly.")
    private BackupVerifySpec verify = new BackupVerifySpec();

    @Size(max = 2048)
    @Pattern("^[A-Za-z0-9][A-Za-z0-9:/_.-]*$")
    @JsonPropertyDescription("With a bucket: the KMS key (id, ARN or alias) each backup is encrypted with (SSE-KMS), instead of the bucket's default encryption. The backup pod's ServiceAccount needs kms:GenerateDataKey on it (and kms:Decrypt to restore or verify).")
    private String kmsKeyId;

    @JsonPropertyDescription("With a bucket: S3 Object Lock retention of each backup and its manifest, in the stack's bucket and in copyTo. The operator enables Object Lock on a bucket it made (versioned); an adopted bucket, and the copyTo bucket, must have it already, else each backup fails, saying so.")
    private BackupLockSpec objectLock;

    @JsonPropertyDescription("With a bucket: a second copy of each backup and its manifest, e.g. in another region, so backups outlive the stack's bucket and region.")
    private BackupCopySpec copyTo;

    @Default("{}")
    @JsonPropertyDescription("The volume backups go to when the stack has no bucket (with a bucket they go to s3://<bucket>/backups/).")
    private BackupVolumeSpec volume = new BackupVolumeSpec();

    @Size(max = 253)
    @JsonPropertyDescription("Service account of the backup pods. With a bucket it needs s3:PutObject on it (IRSA or EKS Pod Identity). Unset: the stack's own ServiceAccount <name>-jobs (see jobIdentity).")
    private String serviceAccountName;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public Integer getRetentionDays() { return retentionDays; }
    public void setRetentionDays(Integer retentionDays) { this.retentionDays = retentionDays; }
    public Integer getKeepNewest() { return keepNewest; }
    public void setKeepNewest(Integer keepNewest) { this.keepNewest = keepNewest; }
    public String getMaxAge() { return maxAge; }
    public void setMaxAge(String maxAge) { this.maxAge = maxAge; }
    public BackupVerifySpec getVerify() { return verify; }
    public void setVerify(BackupVerifySpec verify) { this.verify = verify != null ? verify : new BackupVerifySpec(); }
    public String getKmsKeyId() { return kmsKeyId; }
    public void setKmsKeyId(String kmsKeyId) { this.kmsKeyId = kmsKeyId; }
    public BackupLockSpec getObjectLock() { return objectLock; }
    public void setObjectLock(BackupLockSpec objectLock) { this.objectLock = objectLock; }
    public BackupCopySpec getCopyTo() { return copyTo; }
    public void setCopyTo(BackupCopySpec copyTo) { this.copyTo = copyTo; }
    public BackupVolumeSpec getVolume() { return volume; }
    public void setVolume(BackupVolumeSpec volume) { this.volume = volume != null ? volume : new BackupVolumeSpec(); }
    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }

    public int retentionDays() { return retentionDays == null ? RETENTION_DAYS : retentionDays; }
    public int keepNewest() { return keepNewest == null ? KEEP_NEWEST : keepNewest; }
    public boolean enabled() { return enabled == null || enabled; }
}
