package io.panstack.operator.bucket;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.panstack.operator.api.v1alpha1.BackupSpec;
import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.aws.s3.Buckets;
import io.panstack.operator.aws.s3.Buckets.StoredObject;
import io.panstack.operator.stack.Stack;

/**
 * Retention of the logical backups in the bucket: a backup older than retentionDays goes, but never one of the
 * keepNewest newest, so backups that stop leave their last ones in place for good (an S3 lifecycle rule by age
 * would expire every one of them). Only names the backup Jobs write are looked at. The old versions a deletion
 * leaves in a versioned bucket expire retentionDays later by the bucket's lifecycle rule.
 */
public final class BackupPruning {
    private static final Logger LOG = Logger.getLogger(BackupPruning.class);

    private BackupPruning() {
    }

    /**
     * Prunes, as housekeeping: a failure is logged and tried again at the next poll, and holds nothing.
     *
     * @return how many backups went
     */
    public static int prune(Stack stack, Buckets s3, String bucket, Instant now) {
        try {
            List<String> doomed = toPrune(s3.list(bucket, StackBucket.BACKUP_PREFIX), stack.database().schema(),
                    stack.spec().getBackup(), now);
            if (!doomed.isEmpty()) {
                s3.deleteCurrent(bucket, doomed);
            }
            return doomed.size();
        } catch (RuntimeException e) {
            LOG.warnf("Could not prune the logical backups of %s/%s in bucket %s (tried again at the next poll): %s",
                    stack.namespace(), stack.name(), bucket, AwsErrors.message(e));
            return 0;
        }
    }

    /** The keys of the schema's backups past retention, the keepNewest newest (by the time in their name) left out. */
    static List<String> toPrune(List<StoredObject> objects, String schema, BackupSpec spec, Instant now) {
        Pattern backup = Pattern.compile(Pattern.quote(StackBucket.BACKUP_PREFIX + schema + "-")
                + "[0-9]{8}T[0-9]{6}Z\\.sql\\.gz");
        List<StoredObject> backups = objects.stream().filter(o -> backup.matcher(o.key()).matches())
                .sorted(Comparator.comparing(StoredObject::key)).toList();
        Instant cutoff = now.minus(Duration.ofDays(spec.retentionDays()));
        return backups.subList(0, Math.max(0, backups.size() - spec.keepNewest())).stream()
                .filter(o -> o.lastModified() != null && o.lastModified().isBefore(cutoff))
                .map(StoredObject::key).toList();
    }
}
