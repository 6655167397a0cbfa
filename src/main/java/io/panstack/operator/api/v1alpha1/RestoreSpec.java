package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A logical backup (made by spec.backup) to restore into the empty repository before the dashboard first starts:
 * an S3 object, or a file on the stack's backup volume. The restore only ever goes into an empty schema.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "backup", "rdsSnapshotId", "serviceAccountName" })
@ValidationRule(value = "has(self.backup) != has(self.rdsSnapshotId)",
    message = "database.restoreFrom: set exactly one of backup (a logical dump) and rdsSnapshotId")
public class RestoreSpec {
    public static final String S3_SCHEME = "s3://";
    /**
     * {@code s3://<bucket>/<key>.sql.gz} (key characters: S3's safe ones), or the plain file name
     * {@code <schema>-<yyyyMMdd'T'HHmmss'Z'>.sql.gz} of a backup on the backup volume (as backup.sh names it).
     * Valid both as a Java and as an RE2 (API server) regular expression.
     */
    public static final String RDS_SNAPSHOT_PATTERN = "^[A-Za-z][A-Za-z0-9:-]*$";
    public static final String BACKUP_PATTERN = "^(s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([A-Za-z0-9!_.*'()-]+/)*[A-Za-z0-9!_.*'()-]+\\.sql\\.gz"
            + "|[A-Za-z0-9_][A-Za-z0-9_-]{0,63}-[0-9]{8}T[0-9]{6}Z\\.sql\\.gz)$";
    private static final java.util.regex.Pattern BACKUP = java.util.regex.Pattern.compile(BACKUP_PATTERN);

    @Size(min = 1, max = 1024)
    @Pattern(BACKUP_PATTERN)
    @JsonPropertyDescription("A dump made by spec.backup, restored into the empty repository before the dashboard first starts: s3://<bucket>/<key>.sql.gz, or the file name <schema>-<yyyyMMddTHHmmssZ>.sql.gz of a backup on the stack's backup volume <name>-backups (kept from an earlier PanStack of the same name). The schema must be empty: the restore never overwrites a repository.")
    private String backup;

    @Size(min = 1, max = 255)
    @Pattern(RDS_SNAPSHOT_PATTERN)
    @JsonPropertyDescription("database.rds only: an RDS snapshot (manual, or automated as rds:...) the new instance is restored from, instead of being created empty. Its master password is then reset to the one generated into <name>-db-credentials.")
    private String rdsSnapshotId;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("ServiceAccount of the restore pod. From S3 it needs s3:GetObject on the object: on EKS, an IAM role bound to it through IRSA or Pod Identity. Unset: the stack's own ServiceAccount <name>-jobs (see jobIdentity).")
    private String serviceAccountName;

    public RestoreSpec() {
    }

    public RestoreSpec(String backup, String serviceAccountName) {
        this.backup = backup;
        this.serviceAccountName = serviceAccountName;
    }

    public String getBackup() { return backup; }
    public void setBackup(String backup) { this.backup = backup; }
    public String getRdsSnapshotId() { return rdsSnapshotId; }
    public void setRdsSnapshotId(String rdsSnapshotId) { this.rdsSnapshotId = rdsSnapshotId; }
    public boolean fromRdsSnapshot() { return rdsSnapshotId != null && !rdsSnapshotId.isEmpty(); }
    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }

    /** Whether the backup is an S3 object rather than a file on the backup volume. */
    public boolean fromS3() {
        return backup != null && backup.startsWith(S3_SCHEME);
    }

    /** Whether {@link #backup} has the form the schema accepts (for values that did not pass the API server). */
    public boolean valid() {
        return backup != null && backup.length() <= 1024 && BACKUP.matcher(backup).matches();
    }

    /** The bucket of an S3 backup, else null. */
    public String bucket() {
        if (!fromS3()) {
            return null;
        }
        int slash = backup.indexOf('/', S3_SCHEME.length());
        return slash < 0 ? backup.substring(S3_SCHEME.length()) : backup.substring(S3_SCHEME.length(), slash);
    }

    /** The object key of an S3 backup, else null. */
    public String key() {
        if (!fromS3()) {
            return null;
        }
        int slash = backup.indexOf('/', S3_SCHEME.length());
        return slash < 0 ? "" : backup.substring(slash + 1);
    }

    /** The backup's file name: the last segment of the S3 key, or the volume's file name as given. */
    public String fileName() {
        return backup == null ? null : backup.substring(backup.lastIndexOf('/') + 1);
    }
}
