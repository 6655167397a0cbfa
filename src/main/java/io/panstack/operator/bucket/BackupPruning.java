package io.panstack.operator.bucket;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.panstack.operator.api.v1alpha1.BackupSpec;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.aws.s3.Buckets.StoredObject;
import io.panstack.operator.aws.s3.Buckets;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.stack.Stack;

/**
 * Retention of the logical backups in the bucket, at each AWS poll: a backup older than retentionDays goes, but
 * never one of the keepNewest newest, so backups that stop leave their last ones in place for good (an S3 lifecycle
 * rule by age would expire every one of them). Only this stack's own writing is ever pruned: names the backup Jobs
 * write, stored since the PanStack was created (an adopted bucket's or an earlier stack's backups are older), and
 * never the backup the stack was restored from. In a versioned bucket a pruned backup stays an old version for
 * retentionDays more; in one without versioning it is gone.
 */
public final class BackupPruning {
    private static final Logger LOG = Logger.getLogger(BackupPruning.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** A name time this far ahead of the clock is not a real backup's: it neither takes a newest slot nor goes. */
    private static final Duration FUTURE = Duration.ofDays(1);
    /** backup.sh writes {@code <backup>.manifest} beside each backup; it goes with it. */
    public static final String MANIFEST_SUFFIX = ".manifest";

    private BackupPruning() {
    }

    /**
     * Prunes, as housekeeping: a failure is logged, reported (status.backup.pruneError) and tried again at the next
     * poll, and holds nothing.
     *
     * @return how many backups went, or why none could
     */
    public static Observed<Integer> prune(Stack stack, Buckets s3, String bucket, Instant now) {
        return prune(stack, s3, bucket, now, java.util.Set.of());
    }

    /**
     * @param inUse locations of backups a restore of the stack still needs (see BackupsInUse): never pruned
     */
    public static Observed<Integer> prune(Stack stack, Buckets s3, String bucket, Instant now,
            java.util.Set<String> inUse) {
        try {
            List<StoredObject> stored = s3.list(bucket, StackBucket.BACKUP_PREFIX);
            java.util.Set<String> keep = new java.util.HashSet<>();
            if (restoredFrom(stack, bucket) != null) {
                keep.add(restoredFrom(stack, bucket));
            }
            for (String location : inUse) {
                RestoreSpec parsed = new RestoreSpec(location, null);
                if (parsed.valid() && parsed.fromS3() && bucket.equals(parsed.bucket())) {
                    keep.add(parsed.key());
                }
            }
            List<String> doomed = toPrune(stored, stack.database().schema(), stack.spec().getBackup(), since(stack),
                    keep, now);
            if (!doomed.isEmpty()) {
                s3.deleteCurrent(bucket, withManifests(doomed, stored));
            }
            return Observed.of(doomed.size());
        } catch (RuntimeException e) {
            String failure = AwsErrors.message(e);
            LOG.warnf("Could not prune the logical backups of %s/%s in bucket %s (tried again at the next poll): %s",
                    stack.namespace(), stack.name(), bucket, failure);
            return new Observed<>(null, failure);
        }
    }

    /**
     * The keys of the schema's backups past retention, the keepNewest newest (by the time in their name) left out.
     *
     * @param since    when the stack was created: what was stored before is not its own writing (null: unknown,
     *                 nothing is pruned)
     * @param keep     keys never pruned (backups a restore needs), or null
     */
    static List<String> toPrune(List<StoredObject> objects, String schema, BackupSpec spec, Instant since,
            java.util.Collection<String> keep, Instant now) {
        if (since == null) {
            return List.of();
        }
        Pattern backup = backupNames(schema);
        List<StoredObject> own = objects.stream()
                .filter(o -> o.lastModified() != null && !o.lastModified().isBefore(since)
                        && (keep == null || !keep.contains(o.key())))
                .filter(o -> stamp(backup, o.key()) != null && !stamp(backup, o.key()).isAfter(now.plus(FUTURE)))
                .sorted(Comparator.comparing(StoredObject::key)).toList();
        Instant cutoff = now.minus(Duration.ofDays(spec.retentionDays()));
        return own.subList(0, Math.max(0, own.size() - spec.keepNewest())).stream()
                .filter(o -> o.lastModified().isBefore(cutoff))
                .map(StoredObject::key).toList();
    }

    /** The backups, each followed by its manifest (backup.sh's {@code <key>.manifest}) when it is stored. */
    static List<String> withManifests(List<String> backups, List<StoredObject> stored) {
        java.util.Set<String> keys = stored.stream().map(StoredObject::key).collect(java.util.stream.Collectors.toSet());
        List<String> all = new java.util.ArrayList<>();
        for (String backup : backups) {
            all.add(backup);
            if (keys.contains(backup + MANIFEST_SUFFIX)) {
                all.add(backup + MANIFEST_SUFFIX);
            }
        }
        return all;
    }

    /** The keys backup.sh writes for the schema: backups/&lt;schema&gt;-&lt;yyyyMMddTHHmmssZ&gt;.sql.gz, nothing else. */
    private static Pattern backupNames(String schema) {
        return Pattern.compile(Pattern.quote(StackBucket.BACKUP_PREFIX + schema + "-") + "([0-9]{8}T[0-9]{6}Z)\\.sql\\.gz");
    }

    /** Whether the key is a backup the stack's Jobs wrote for the schema (what pruning and deletions may touch). */
    public static boolean isBackupOf(String key, String schema) {
        return stamp(backupNames(schema), key) != null;
    }

    private static Instant stamp(Pattern backup, String key) {
        Matcher name = backup.matcher(key);
        if (!name.matches()) {
            return null;
        }
        try {
            return LocalDateTime.parse(name.group(1), STAMP).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Instant since(Stack stack) {
        String created = stack.resource().getMetadata().getCreationTimestamp();
        return created == null ? null : Instant.parse(created);
    }

    private static String restoredFrom(Stack stack, String bucket) {
        RestoreSpec from = stack.spec().getDatabase().getRestoreFrom();
        return from != null && from.fromS3() && bucket.equals(from.bucket()) ? from.key() : null;
    }
}
