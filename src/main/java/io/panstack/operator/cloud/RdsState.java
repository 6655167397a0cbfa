package io.panstack.operator.cloud;

import java.time.Instant;

/**
 * What the operator knows about the RDS instance after a pass.
 *
 * @param newestSnapshot observation only (DescribeDBSnapshots): its failure never holds the database; null when
 *                       not looked at in this pass (or the stack has no backups, which is where it shows)
 * @param safetySnapshot whether the snapshot an upgrade waits for is available (taken when missing); its failure
 *                       holds the upgrade only; null when no upgrade waits for one, or not looked at
 * @param restore        where the stack's PanStackRestore to a snapshot or point in time stands; null when none
 * @param snapshots      the manual snapshots PanStackBackups of kind RdsSnapshot asked for: id to AWS status, or
 *                       "error: ..." when AWS refused it; one whose call failed for a while is left out
 */
public record RdsState(String identifier, String awsStatus, String host, Integer port, Instant latestRestorableTime,
        Observed<Instant> newestSnapshot, Observed<Boolean> safetySnapshot, ResourceState state,
        RdsRestoreProgress restore, java.util.Map<String, String> snapshots) {

    /** The same state, its message replaced (e.g. with why AWS refused a step). */
    public RdsState withMessage(String message) {
        return new RdsState(identifier, awsStatus, host, port, latestRestorableTime, newestSnapshot, safetySnapshot,
                new ResourceState(state.ready(), state.settling(), state.reason(), message, state.drift()), restore,
                snapshots);
    }
}
