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
    /** Manual snapshots (Completed or being taken) one stack may hold through PanStackBackups. */
    static final int MAX_SNAPSHOTS = 20;

    private RdsSnapshotBackups() {
    }

    /** The snapshot of a record: named after the stack's first instance (stable across restores) and the record. */
    public static String snapshotId(Stack stack, PanStackBackup record) {
        return AwsNames.rdsIdentifier(stack) + "-backup-" + ShortHash.of(record.getMetadata().getUid());
    }

    /** The snapshots the stack's unfinished RdsSnapshot records want taken (none for a stack they cannot be of). */
    public static List<String> wanted(Stack stack, List<PanStackBackup> records) {
        if (refusal(stack) != null) {
            return List.of();
        }
        return records.stream().filter(r -> r.getSpec().rdsSnapshot())
                .filter(r -> r.getStatus() == null || !r.getStatus().finished())
                .filter(r -> !overLimit(stack, r, records))
                .map(r -> snapshotId(stack, r)).toList();
    }

    /** Why the stack's instance is not one the operator takes snapshots of, or null. */
    private static String refusal(Stack stack) {
        var rds = stack.spec().getDatabase().getRds();
        if (rds == null) {
            return "PanStack " + stack.name() + " is not on RDS: kind RdsSnapshot needs database.rds";
        }
        return rds.adopts() ? "PanStack " + stack.name() + " adopted its RDS instance " + rds.getIdentifier()
                + ": take snapshots of it in AWS (the operator restores only its own instances' snapshots)" : null;
    }

    /**
     * Whether the record would take the stack past {@value #MAX_SNAPSHOTS} manual snapshots: the account's quota
     * (100 a region by default) is shared by every namespace, and one tenant may not use it up. The oldest records
     * come first.
     */
    static boolean overLimit(Stack stack, PanStackBackup record, List<PanStackBackup> records) {
        List<PanStackBackup> holding = records.stream().filter(r -> r.getSpec().rdsSnapshot())
                .filter(r -> r.getStatus() == null || r.getStatus().getPhase() != BackupPhase.Failed)
                .sorted(java.util.Comparator.comparing((PanStackBackup r) -> String.valueOf(r.getMetadata()
                        .getCreationTimestamp())).thenComparing(r -> r.getMetadata().getName()))
                .toList();
        int place = holding.indexOf(record);
        return place >= MAX_SNAPSHOTS;
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
    static PanStackBackupStatus status(Stack stack, PanStackBackup record, List<PanStackBackup> allRecords,
            Map<String, String> seen, Instant now) {
        PanStackBackupStatus before = record.getStatus();
        PanStackBackupStatus status = new PanStackBackupStatus();
        status.setKind(KIND);
        status.setOrigin(BackupRecords.origin(stack, record));
        status.setStartTime(before == null ? null : before.getStartTime());
        String refused = refusal(stack);
        if (refused == null && overLimit(stack, record, allRecords)) {
            refused = "PanStack " + stack.name() + " has " + MAX_SNAPSHOTS + " manual RDS snapshots already (the"
                    + " account's snapshot quota is shared by every namespace): delete some in AWS, and their records";
        }
        if (refused != null) {
            status.setPhase(BackupPhase.Failed);
            status.setMessage(refused);
            status.setCompletionTime(now.toString());
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
        if (aws.startsWith(io.panstack.operator.database.RdsDatabase.RETRYING)) {
            status.setPhase(before == null || before.getPhase() == null ? BackupPhase.Pending : before.getPhase());
            status.setMessage("RDS snapshot " + id + " is not taken yet: "
                    + aws.substring(io.panstack.operator.database.RdsDatabase.RETRYING.length())
                    + " (tried again at the next poll)");
            return status;
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
