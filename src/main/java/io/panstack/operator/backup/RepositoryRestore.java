package io.panstack.operator.backup;

import java.time.Instant;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.kube.Failures;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.kube.StackEvents;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Hold;

/**
 * database.restoreFrom: once the new stack's database takes connections, a Job restores the backup into its empty
 * repository; the dashboard and scheduler, which would otherwise create an empty repository, start only after it
 * succeeded. Recorded in status.database.restoredAt, after which it never runs again.
 */
public final class RepositoryRestore {
    static final String WAITING = "WaitingForRestore";
    static final String FAILED = "RestoreFailed";

    private RepositoryRestore() {
    }

    /**
     * Where the restore stands.
     *
     * @param hold       why the repository is not ready for Pi yet, or null (no restore asked for, or done)
     * @param restoredAt when it was restored (recorded in status, or found done now), or null
     */
    public record Outcome(Hold hold, String restoredAt) {
    }

    public static Outcome reconcile(Stack stack, boolean databaseReady, CloudState cloud, Context<PanStack> context) {
        RestoreSpec from = stack.spec().getDatabase().getRestoreFrom();
        String recorded = recordedAt(stack);
        if (from == null || recorded != null) {
            return new Outcome(null, recorded);
        }
        if (from.fromRdsSnapshot()) {
            return fromSnapshot(stack, databaseReady, context, from);
        }
        JobRun restore = JobRun.find(context, RestoreJob.name(stack));
        if (restore.succeeded()) {
            Instant at = restore.outcome().orElseThrow().at();
            StackEvents.normal(context.getClient(), stack.resource(), "RestoreFinished", "Restored " + from.getBackup()
                    + " into schema " + stack.database().schema() + "; the dashboard starts on it");
            return new Outcome(null, (at == null ? Instant.now() : at).toString());
        }
        if (restore.failed()) {
            return new Outcome(new Hold(FAILED, "Restoring " + from.getBackup() + " failed (kubectl logs job/"
                    + restore.name() + "), so the dashboard and scheduler do not start on an empty or partial"
                    + " repository. Fix the cause (drop a partly restored schema), then delete the Job to try again."),
                    null);
        }
        if (!restore.started() && !databaseReady) {
            return new Outcome(new Hold(WAITING, "The backup " + from.getBackup() + " is restored once the database"
                    + " takes connections; the dashboard and scheduler start after that"), null);
        }
        String waiting = "The dashboard and scheduler start once " + from.getBackup()
                + " is restored into the repository (Job " + restore.name() + ")";
        try {
            restore.startOnce(() -> RestoreJob.desired(stack, from, cloud == null ? null : cloud.region()), context);
        } catch (KubernetesClientException e) {
            return new Outcome(new Hold(WAITING, waiting).retryingSoon("the Kubernetes API refused the Job: "
                    + Failures.describe(e)), null);
        }
        return new Outcome(new Hold(WAITING, waiting), null);
    }

    /** The RDS instance is created from the snapshot (see RdsDatabase): done once it serves Pi. */
    private static Outcome fromSnapshot(Stack stack, boolean databaseReady, Context<PanStack> context, RestoreSpec from) {
        if (!databaseReady) {
            return new Outcome(new Hold(WAITING, "The RDS instance is being restored from snapshot "
                    + from.getRdsSnapshotId() + "; the dashboard and scheduler start after that"), null);
        }
        StackEvents.normal(context.getClient(), stack.resource(), "RestoreFinished", "The RDS instance was restored"
                + " from snapshot " + from.getRdsSnapshotId() + "; the dashboard starts on it");
        return new Outcome(null, Instant.now().toString());
    }

    public static String recordedAt(Stack stack) {
        var status = stack.resource().getStatus();
        return status == null || status.getDatabase() == null ? null : status.getDatabase().getRestoredAt();
    }
}
