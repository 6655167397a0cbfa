package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.bucket.BackupPruning;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.stack.Stack;

/**
 * A backup's data deleted because a user asked, on its PanStackBackup: annotation {@value #ANNOTATION}: "true". The
 * dump and its manifest go from the stack's bucket (in a versioned bucket they stay an old version for
 * backup.retentionDays, as pruned backups do), then the record. Nothing else deletes backup data but retention. Never
 * deleted: a backup a restore of the stack needs (one running, a partial one's way back, database.restoreFrom), the
 * stack's newest backup, anything but a dump the stack wrote into the bucket the operator made for it (an adopted
 * bucket's, the copy of copyTo), or one on the backup volume (the operator has no hands there; retention removes
 * those). Pure: the caller deletes.
 */
public final class BackupDataDeletions {
    public static final String ANNOTATION = "panstack.io/delete-data";

    private BackupDataDeletions() {
    }

    /** A backup to delete from the stack's bucket: its record, and the key of its dump (the manifest goes with it). */
    public record Deletion(String record, String key) {
    }

    /**
     * @param fromBucket  backups to delete, then their records
     * @param recordsOnly records asked for that hold no data (a backup that failed before it stored anything)
     * @param kept        records asked for whose data stays, with why (shown in their status message)
     */
    public record Plan(List<Deletion> fromBucket, List<String> recordsOnly, Map<String, String> kept) {
    }

    /**
     * @param bucket the stack's bucket, or null when the stack has none or it was not looked at in this pass
     */
    public static Plan plan(Stack stack, String bucket, List<PanStackBackup> records, List<PanStackRestore> restores) {
        List<Deletion> fromBucket = new ArrayList<>();
        List<String> recordsOnly = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        Optional<String> newest = newestCompleted(records);
        for (PanStackBackup record : records) {
            if (!asked(record) || record.getStatus() == null || !record.getStatus().finished()) {
                continue; // a backup still running is deleted once it finished
            }
            String name = record.getMetadata().getName();
            String location = record.getStatus().getLocation();
            if (location == null) {
                if (record.getStatus().getPhase() == BackupPhase.Failed) {
                    recordsOnly.add(name); // it stored nothing
                } else {
                    kept.put(name, KEPT + "where the backup went is not known; nothing was deleted");
                }
                continue;
            }
            Optional<String> why = keptBecause(stack, bucket, record, location, newest, restores, records);
            if (why.isPresent()) {
                kept.put(name, KEPT + why.get());
            } else if (bucket != null) {
                fromBucket.add(new Deletion(name, location.substring(("s3://" + bucket + "/").length())));
            }
        }
        return new Plan(fromBucket, recordsOnly, kept);
    }

    private static final String KEPT = "Data kept although " + ANNOTATION + " asks: ";

    /** Why the backup at this location may not go, if it may not. */
    private static Optional<String> keptBecause(Stack stack, String bucket, PanStackBackup record, String location,
            Optional<String> newest, List<PanStackRestore> restores, List<PanStackBackup> records) {
        Optional<String> user = BackupsInUse.user(stack, record.getMetadata().getName(), location, restores, records);
        if (user.isPresent()) {
            return Optional.of(user.get() + " needs it");
        }
        if (newest.isPresent() && newest.get().equals(record.getMetadata().getName())) {
            return Optional.of("it is the stack's newest backup (backup health rests on it); take another first"
                    + " (annotation panstack.io/backup-now), then this one can go");
        }
        if (RdsSnapshotBackups.snapshotIn(location).isPresent()) {
            return Optional.of("the operator does not delete RDS snapshots; delete it in AWS (aws rds"
                    + " delete-db-snapshot --db-snapshot-identifier " + RdsSnapshotBackups.snapshotIn(location).get()
                    + "), then this record");
        }
        if (location.startsWith("pvc://")) {
            return Optional.of("the operator deletes backups from the stack's bucket only; those on the backup volume"
                    + " go by backup.retentionDays");
        }
        if (stack.spec().getBucket() != null && stack.spec().getBucket().adopts()) {
            return Optional.of("the stack's bucket is adopted (spec.bucket.name): what is in it is its owner's to"
                    + " delete");
        }
        if (bucket == null) {
            return Optional.empty(); // the bucket was not looked at in this pass: decided at a later one
        }
        String bucketPrefix = "s3://" + bucket + "/";
        if (!location.startsWith(bucketPrefix)
                || !BackupPruning.isBackupOf(location.substring(bucketPrefix.length()), stack.database().schema())) {
            return Optional.of(location + " is not a backup the stack wrote into its bucket (" + bucketPrefix
                    + StackBucket.BACKUP_FOLDER + "/" + stack.database().schema() + "-<yyyyMMddTHHmmssZ>.sql.gz)");
        }
        return Optional.empty();
    }

    /** The newest Completed backup of the stack, by completion time: the one its freshness rests on. */
    private static Optional<String> newestCompleted(List<PanStackBackup> records) {
        return records.stream().filter(r -> !r.getSpec().rdsSnapshot())
                .filter(r -> r.getStatus() != null && r.getStatus().getPhase() == BackupPhase.Completed
                        && r.getStatus().getLocation() != null && r.getStatus().getCompletionTime() != null)
                .max(java.util.Comparator.comparing((PanStackBackup r) -> r.getStatus().getCompletionTime()))
                .map(r -> r.getMetadata().getName());
    }

    static boolean asked(PanStackBackup record) {
        var annotations = record.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(ANNOTATION));
    }
}
