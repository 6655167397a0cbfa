package io.panstack.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.build.RestoreJob;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Hold;

/**
 * database.restoreFrom: once the new stack's database takes connections, a Job restores the backup into its empty
 * repository; the dashboard and scheduler, which would otherwise create an empty repository, start only after it
 * succeeded. Recorded in status.database.restoredAt, after which it never runs again.
 */
final class RepositoryRestore {
    static final String WAITING = "WaitingForRestore";
    static final String FAILED = "RestoreFailed";
    private static final String RESTORED_AT = "panstack.restoredAt";

    private RepositoryRestore() {
    }

    /** Why the repository is not ready for Pi yet, or null (no restore asked for, or done). */
    static Hold reconcile(Stack stack, Context<PanStack> context) {
        RestoreSpec from = stack.spec().getDatabase().getRestoreFrom();
        if (from == null || recordedAt(stack) != null) {
            return null;
        }
        if (from.fromRdsSnapshot()) {
            return fromSnapshot(stack, context, from);
        }
        JobRun restore = JobRun.find(context, RestoreJob.name(stack));
        if (restore.succeeded()) {
            java.time.Instant at = restore.outcome().orElseThrow().at();
            context.managedWorkflowAndDependentResourceContext().put(RESTORED_AT,
                    (at == null ? java.time.Instant.now() : at).toString());
            StackEvents.normal(context.getClient(), stack.resource(), "RestoreFinished", "Restored " + from.getBackup()
                    + " into schema " + stack.database().schema() + "; the dashboard starts on it");
            return null;
        }
        if (restore.failed()) {
            return new Hold(FAILED, "Restoring " + from.getBackup() + " failed (kubectl logs job/" + restore.name()
                    + "), so the dashboard and scheduler do not start on an empty or partial repository. Fix the cause"
                    + " (drop a partly restored schema), then delete the Job to try again.");
        }
        if (!restore.started() && !DatabaseReadiness.isReady(stack, context)) {
            return new Hold(WAITING, "The backup " + from.getBackup() + " is restored once the database takes"
                    + " connections; the dashboard and scheduler start after that");
        }
        CloudState cloud = CurrentStack.cloud(context);
        restore.startOnce(() -> RestoreJob.desired(stack, from, cloud == null ? null : cloud.region()), context);
        return new Hold(WAITING, "The dashboard and scheduler start once " + from.getBackup()
                + " is restored into the repository (Job " + restore.name() + ")");
    }

    /** The RDS instance is created from the snapshot (see RdsDatabase): done once it serves Pi. */
    private static Hold fromSnapshot(Stack stack, Context<PanStack> context, RestoreSpec from) {
        if (!DatabaseReadiness.isReady(stack, context)) {
            return new Hold(WAITING, "The RDS instance is being restored from snapshot " + from.getRdsSnapshotId()
                    + "; the dashboard and scheduler start after that");
        }
        context.managedWorkflowAndDependentResourceContext().put(RESTORED_AT, java.time.Instant.now().toString());
        StackEvents.normal(context.getClient(), stack.resource(), "RestoreFinished", "The RDS instance was restored"
                + " from snapshot " + from.getRdsSnapshotId() + "; the dashboard starts on it");
        return null;
    }

    /** When the restore finished: recorded in status, or found done in this reconcile; null before. */
    static String restoredAt(Stack stack, Context<PanStack> context) {
        String recorded = recordedAt(stack);
        return recorded != null ? recorded
                : context.managedWorkflowAndDependentResourceContext().get(RESTORED_AT, String.class).orElse(null);
    }

    private static String recordedAt(Stack stack) {
        var status = stack.resource().getStatus();
        return status == null || status.getDatabase() == null ? null : status.getDatabase().getRestoredAt();
    }
}
