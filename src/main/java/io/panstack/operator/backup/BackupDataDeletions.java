package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.stack.Stack;

/**
 * A backup's data deleted because a user asked, on its PanStackBackup: annotation {@value #ANNOTATION}: "true". The
 * dump and its manifest go from the stack's bucket (in a versioned bucket they stay an old version for
 * backup.retentionDays, as pruned backups do), then the record. Nothing else deletes backup data but retention. Never
 * deleted: a backup a restore of the stack needs (one running, a partial one's way back, database.restoreFrom), a
 * backup outside the stack's bucket (the copy of copyTo included), or one on the backup volume (the operator has no
 * hands there; retention removes those). Pure: the caller deletes.
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
        for (PanStackBackup record : records) {
            if (!asked(record) || record.getStatus() == null || !record.getStatus().finished()) {
                continue; // a backup still running is deleted once it finished
            }
            String name = record.getMetadata().getName();
            String location = record.getStatus().getLocation();
            if (location == null) {
                recordsOnly.add(name);
                continue;
            }
            Optional<String> user = usedBy(stack, name, location, restores);
            if (user.isPresent()) {
                kept.put(name, "Data kept although " + ANNOTATION + " asks: " + user.get() + " needs it");
                continue;
            }
            RestoreSpec parsed = new RestoreSpec();
            parsed.setBackup(location);
            if (!location.startsWith("s3://") || !parsed.valid()) {
                kept.put(name, "Data kept although " + ANNOTATION + " asks: the operator deletes backups from the"
                        + " stack's bucket only; those on the backup volume go by backup.retentionDays");
                continue;
            }
            if (bucket == null) {
                continue; // the bucket was not looked at in this pass
            }
            if (!bucket.equals(parsed.bucket()) || !parsed.key().startsWith(StackBucket.BACKUP_FOLDER + "/")) {
                kept.put(name, "Data kept although " + ANNOTATION + " asks: " + location + " is not in the stack's"
                        + " bucket " + bucket + "/" + StackBucket.BACKUP_FOLDER + "/");
                continue;
            }
            fromBucket.add(new Deletion(name, parsed.key()));
        }
        return new Plan(fromBucket, recordsOnly, kept);
    }

    static boolean asked(PanStackBackup record) {
        var annotations = record.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(ANNOTATION));
    }

    /** What still needs the backup, if anything. */
    private static Optional<String> usedBy(Stack stack, String name, String location, List<PanStackRestore> restores) {
        RestoreSpec from = stack.spec().getDatabase().getRestoreFrom();
        if (from != null && location.equals(from.getBackup())) {
            return Optional.of("database.restoreFrom of PanStack " + stack.name());
        }
        for (PanStackRestore restore : restores) {
            PanStackRestoreStatus status = restore.getStatus();
            boolean running = status == null || !status.finished();
            boolean names = name.equals(restore.getSpec().getBackup()) || location.equals(restore.getSpec().getLocation())
                    || (status != null && location.equals(status.getSource()));
            boolean wayBack = status != null && location.equals(status.getSafetyBackup())
                    && (running || Boolean.TRUE.equals(status.getPiStopped()));
            if ((running && names) || wayBack) {
                return Optional.of("PanStackRestore " + restore.getMetadata().getName());
            }
        }
        return Optional.empty();
    }
}
