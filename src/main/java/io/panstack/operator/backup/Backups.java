package io.panstack.operator.backup;

import java.util.Map;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;

/**
 * Where a stack's logical backups go, and backups on demand: a new value of the annotation
 * {@value #BACKUP_NOW} (any text, e.g. a timestamp) starts one backup Job, once per value.
 */
public final class Backups {
    public static final String BACKUP_NOW = "panstack.io/backup-now";

    private Backups() {
    }

    /** The stack's bucket when it has one, else its backup volume. */
    public static Target target(CloudState cloud) {
        return cloud != null && cloud.bucket() != null ? new Target(cloud.bucket().name(), cloud.region())
                : Target.volume();
    }

    /** The annotation's value, when it asks for a backup not yet started; else null. */
    static String requested(PanStack resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(BACKUP_NOW);
        PanStackStatus status = resource.getStatus();
        String done = status == null || status.getBackup() == null ? null : status.getBackup().getLastOnDemandRequest();
        return value == null || value.isBlank() || value.equals(done) || !resource.getSpec().backsUp()
                ? null : value;
    }

    /**
     * Starts the backup asked for by the annotation; returns the request acted on (to record in status), or null.
     * The Job's name comes from the request, so a repeated call after a crash finds it instead of starting another.
     */
    public static String startRequested(Stack stack, Target target, Context<PanStack> context) {
        String request = requested(stack.resource());
        if (request == null) {
            return null;
        }
        JobRun backup = JobRun.find(context, stack.names().backup() + "-now-" + ShortHash.of(request));
        backup.startOnce(() -> BackupJobs.job(stack, target, backup.name()), context);
        return request;
    }

}
