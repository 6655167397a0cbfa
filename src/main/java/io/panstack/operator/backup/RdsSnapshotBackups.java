package io.panstack.operator.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;

/**
 * PanStackBackups of kind RdsSnapshot: a manual snapshot of the stack's RDS instance, taken in the AWS pass (see
 * RdsDatabase), its status read from what that pass saw. Location rds-snapshot:&lt;id&gt;; a PanStackRestore naming
 * the record restores it into a new instance. Pure.
 */
public final class RdsSnapshotBackups {
    public static final String KIND = "RdsSnapshot";
    public static final String LOCATION_PREFIX = "rds-snapshot:";

    private RdsSnapshotBackups() {
    }

    /** The snapshot of a record: named after the stack's first instance (stable across restores) and the record. */
    public static String snapshotId(Stack stack, PanStackBackup record) {
        return AwsNames.rdsIdentifier(stack) + "-backup-" + ShortHash.of(record.getMetadata().getUid());
    }

    /** The snapshots the stack's unfinished RdsSnapshot records want taken (none for a stack not on RDS). */
    public static List<String> wanted(Stack stack, List<PanStackBackup> records) {
        if (stack.spec().getDatabase().getRds() == null) {
            return List.of();
        }
        return records.stream().filter(r -> r.getSpec().rdsSnapshot())
                .filter(r -> r.getStatus() == null || !r.getStatus().finished())
                .map(r -> snapshotId(stack, r)).toList();
    }

    /** The snapshot id a backup location names, if it is an RDS snapshot's. */
    public static Optional<String> snapshotIn(String location) {
        return location != null && location.startsWith(LOCATION_PREFIX)
                ? Optional.of(location.substring(LOCATION_PREFIX.length())) : Optional.empty();
    }

    /**
     * @param seen what the AWS pass saw of the wanted snapshots (id to AWS status, or "error: ..." when AWS refused
     *             it); null when AWS was not looked at in this pass
     */
    static PanStackBackupStatus status(Stack stack, PanStackBackup record, Map<String, String> seen, Instant now) {
        PanStackBackupStatus before = record.getStatus();
        PanStackBackupStatus status = new PanStackBackupStatus();
        status.setKind(KIND);
        status.setOrigin(BackupRecords.origin(stack, record));
        status.setStartTime(before == null ? null : before.getStartTime());
        if (stack.spec().getDatabase().getRds() == null) {
            status.setPhase(BackupPhase.Failed);
            status.setMessage("PanStack " + stack.name() + " is not on RDS: kind RdsSnapshot needs database.rds");
            return status;
        }
        String id = snapshotId(stack, record);
        String aws = seen == null ? null : seen.get(id);
        if (aws == null) {
            if (before != null && before.getPhase() != null) {
                return before; // AWS not looked at in this pass: nothing new to say
            }
            status.setPhase(BackupPhase.Pending);
            status.setMessage("Waits for the operator's next look at AWS");
            return status;
        }
        if (status.getStartTime() == null) {
            status.setStartTime(now.toString());
        }
        if (aws.startsWith("error: ") || "failed".equals(aws)) {
            status.setPhase(BackupPhase.Failed);
            status.setMessage("RDS snapshot " + id + ": " + aws);
            status.setCompletionTime(now.toString());
        } else if ("available".equals(aws)) {
            status.setPhase(BackupPhase.Completed);
            status.setLocation(LOCATION_PREFIX + id);
            status.setCompletionTime(now.toString());
        } else {
            status.setPhase(BackupPhase.Running);
            status.setMessage("RDS snapshot " + id + " is " + aws);
        }
        return status;
    }
}
