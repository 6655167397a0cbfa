package io.panstack.operator.database;

import io.panstack.operator.aws.rds.DatabaseInstances.DbSnapshot;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.cloud.Idempotent;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;

/**
 * An RDS snapshot taken before an upgrade, for RDS stacks without logical backups: named after the upgrade, so a
 * repeated pass finds it instead of taking another. Taken and looked at in the AWS pass (RdsDatabase), like every
 * other AWS call of a reconcile.
 */
public final class SafetySnapshot {

    private SafetySnapshot() {
    }

    public static String name(Stack stack, String from, String to) {
        return RdsDatabase.identifier(stack) + "-pre-upgrade-" + ShortHash.of(from + "->" + to);
    }

    /** Takes the snapshot if there is none yet; whether it is available (usable for a restore). */
    public static boolean ensureAvailable(Stack stack, DatabaseInstances rds, String snapshotId) {
        return ensureAvailable(stack, rds, snapshotId, RdsDatabase.identifier(stack));
    }

    /**
     * @param instance the instance the stack runs on, as this pass found it (status may lag a restore's switch by a
     *                 pass): the snapshot is of the repository the upgrade will change
     */
    static boolean ensureAvailable(Stack stack, DatabaseInstances rds, String snapshotId, String instance) {
        String status = rds.findSnapshot(snapshotId).map(DbSnapshot::status).orElse(null);
        if (status == null) {
            Idempotent.create("DBSnapshotAlreadyExists",
                    () -> rds.createSnapshot(instance, snapshotId, AwsTags.of(stack)));
            return false;
        }
        return "available".equals(status);
    }
}
