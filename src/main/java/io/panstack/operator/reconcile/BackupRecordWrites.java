package io.panstack.operator.reconcile;


import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.backup.BackupRecords;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.kube.StatusReplace;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Stack;

/** Carries out a stack's {@link BackupRecords.Plan}: starts the Jobs asked for, creates records, patches statuses. */
final class BackupRecordWrites {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BackupRecordWrites.class);

    private BackupRecordWrites() {
    }

    /**
     * Housekeeping beside the stack: a failure (e.g. RBAC not yet upgraded, a record deleted meanwhile) is logged and
     * tried again at the next reconcile, and holds neither the stack nor its status.
     */
    static void apply(Pass pass, Context<PanStack> context, java.time.Instant now) {
        try {
            write(pass, context, now);
        } catch (KubernetesClientException e) {
            LOG.warnf("Could not bring the PanStackBackups of %s/%s up to date (tried again at the next reconcile): %s",
                    pass.stack().namespace(), pass.stack().name(), e.getMessage());
        }
    }

    private static void write(Pass pass, Context<PanStack> context, java.time.Instant now) {
        Stack stack = pass.stack();
        BackupRecords.Plan plan = BackupRecords.plan(stack, target(pass),
                context.getSecondaryResourcesAsStream(PanStackBackup.class).toList(),
                context.getSecondaryResourcesAsStream(Job.class).toList(),
                context.getSecondaryResourcesAsStream(Pod.class).toList(), now);
        plan.jobsToStart().forEach(job -> JobRun.create(job, stack.resource(), context));
        for (PanStackBackup record : plan.recordsToCreate()) {
            try {
                context.getClient().resource(record).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // made by an earlier pass the cache has not shown yet
                    throw e;
                }
            }
        }
        plan.statuses().forEach((name, status) -> StatusReplace.write(context.getClient(), PanStackBackup.class,
                stack.namespace(), name, status));
        // Records only: the backups themselves follow their own retention.
        plan.recordsToDelete().forEach(name -> context.getClient().resources(PanStackBackup.class)
                .inNamespace(stack.namespace()).withName(name).delete());
    }

    /** Where backups go; null while the stack's bucket is not ready (its backups wait for it). */
    static Target target(Pass pass) {
        boolean bucketPending = pass.stack().spec().getBucket() != null
                && (pass.cloud() == null || pass.cloud().bucket() == null);
        return bucketPending ? null : Backups.target(pass.cloud());
    }
}
