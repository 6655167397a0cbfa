package io.panstack.operator.backup;

import java.time.Instant;

import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.api.v1alpha1.RdsDatabaseSpec;
import io.panstack.operator.cloud.RdsRestoreProgress;
import io.panstack.operator.stack.Stack;

/**
 * The status of a PanStackRestore to an RDS snapshot or point in time, from where the AWS pass left it (see
 * RdsRestore, which does the work). Pure. Pi keeps running throughout, so the stack is never held for it.
 */
final class RdsRestores {

    private RdsRestores() {
    }

    /** Why the stack cannot be restored into a new RDS instance, or null when it can. */
    static String refusal(Stack stack) {
        RdsDatabaseSpec rds = stack.spec().getDatabase().getRds();
        if (rds == null) {
            return "PanStack " + stack.name() + " keeps its repository in " + stack.spec().getDatabase().mode()
                    + " mode, not on RDS: restore one of its backups (backup or location) instead";
        }
        if (rds.adopts()) {
            return "PanStack " + stack.name() + " adopted RDS instance " + rds.getIdentifier() + "; the operator"
                    + " restores into new instances only for instances it made. Restore it in AWS, or restore one of"
                    + " the stack's backups (backup or location)";
        }
        return null;
    }

    static PanStackRestoreStatus status(Stack stack, PanStackRestore restore, RdsRestoreProgress progress, Instant now) {
        PanStackRestoreStatus status = InPlaceRestores.copy(restore.getStatus());
        String refused = refusal(stack);
        if (refused != null) {
            return finish(status, RestorePhase.Failed, refused + "; nothing was changed", now);
        }
        if (progress == null || !restore.getMetadata().getName().equals(progress.restore())) {
            if (status.getPhase() == null) {
                status.setPhase(RestorePhase.Pending);
                status.setMessage("Waits for the operator's next look at AWS");
            }
            return status;
        }
        if (progress.phase() != null) {
            if (status.getStartTime() == null && progress.phase() != RestorePhase.Pending) {
                status.setStartTime(now.toString());
            }
            status.setPhase(progress.phase());
        } else if (status.getPhase() == null) {
            status.setPhase(RestorePhase.Pending);
        }
        status.setSource(progress.source());
        status.setRestoredInstance(progress.restoredInstance());
        status.setPreviousInstance(progress.previousInstance());
        status.setMessage(progress.message());
        return progress.finished() ? finish(status, progress.phase(), progress.message(), now) : status;
    }

    /** A restore of a PanStackBackup of kind RdsSnapshot whose snapshot is not there yet (or never will be). */
    static PanStackRestoreStatus snapshotNotTaken(PanStackRestore restore, java.util.List<PanStackBackup> records,
            Instant now) {
        PanStackRestoreStatus status = InPlaceRestores.copy(restore.getStatus());
        String name = restore.getSpec().getBackup();
        boolean failed = InPlaceRestores.named(restore, records).map(PanStackBackup::getStatus)
                .filter(s -> s.getPhase() == BackupPhase.Failed).isPresent();
        if (failed) {
            return finish(status, RestorePhase.Failed, "PanStackBackup " + name + " failed; nothing was changed", now);
        }
        status.setPhase(RestorePhase.Pending);
        status.setMessage("Waits for PanStackBackup " + name + " to complete");
        return status;
    }

    private static PanStackRestoreStatus finish(PanStackRestoreStatus status, RestorePhase phase, String message,
            Instant now) {
        status.setPhase(phase);
        status.setMessage(message);
        if (status.getCompletionTime() == null) {
            status.setCompletionTime(now.toString());
        }
        return status;
    }
}
