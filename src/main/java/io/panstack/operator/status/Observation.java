package io.panstack.operator.status;

import java.util.List;

import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.BucketStatus;
import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.HibernationStatus;

/**
 * Everything the status is computed from, gathered by the reconciler from its caches and its AWS pass: the status
 * aggregator is a pure function of this, the previous status and the time.
 *
 * @param problem          what stalls the stack, or null
 * @param reconcileError   message of the failure of the last reconcile attempt (being retried), or null
 * @param database         whether the repository database takes connections, and where it is
 * @param databaseWorkload the in-cluster MariaDB StatefulSet, or null in the other modes
 * @param components       the Pi components enabled in the spec, in spec order
 * @param files            whether the shared files can be mounted, and where they are
 * @param bucket           whether the stack's bucket is ready, or null when the spec has none
 * @param backup           whether the newest backup is within maxAge, and the backup figures; null without spec.backup
 * @param suspended        spec.suspend: the Pi components are scaled to zero on purpose
 * @param hold             why the spec is not fully carried out yet though nothing is wrong (safety backup, restore), or null
 * @param awsRegion        the region the stack's AWS resources are in (recorded once, then pinned); null without AWS
 * @param backupVerified   whether the newest backup was verified lately; null without logical backups
 * @param hibernation      where the stack is in spec.hibernation's schedule; null without it
 */
public record Observation(long generation, Problem problem, String reconcileError, Readiness<DatabaseStatus> database,
        ComponentObservation databaseWorkload, List<ComponentObservation> components, Readiness<FilesStatus> files,
        Readiness<BucketStatus> bucket, Readiness<BackupStatus> backup, Hold hold, boolean suspended, String url,
        String awsRegion, Readiness<Void> backupVerified, HibernationStatus hibernation) {

    public Observation(long generation, Problem problem, String reconcileError, Readiness<DatabaseStatus> database,
            ComponentObservation databaseWorkload, List<ComponentObservation> components, Readiness<FilesStatus> files,
            Readiness<BucketStatus> bucket, Readiness<BackupStatus> backup, Hold hold, boolean suspended, String url,
            String awsRegion, Readiness<Void> backupVerified) {
        this(generation, problem, reconcileError, database, databaseWorkload, components, files, bucket, backup, hold,
                suspended, url, awsRegion, backupVerified, null);
    }

    /** Asleep on schedule: Pi and the database stopped on purpose. */
    public boolean asleep() {
        return hibernation != null && hibernation.getState() == HibernationStatus.State.Asleep;
    }

    /** Waking: the database starts, Pi waits for it. */
    public boolean waking() {
        return hibernation != null && hibernation.getState() == HibernationStatus.State.Waking;
    }

    /** A stack without AWS resources. */
    public Observation(long generation, Problem problem, String reconcileError, Readiness<DatabaseStatus> database,
            ComponentObservation databaseWorkload, List<ComponentObservation> components, Readiness<FilesStatus> files,
            Readiness<BucketStatus> bucket, Readiness<BackupStatus> backup, Hold hold, boolean suspended, String url) {
        this(generation, problem, reconcileError, database, databaseWorkload, components, files, bucket, backup, hold,
                suspended, url, null, null, null);
    }
}
