package io.panstack.operator.reconcile;


import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.backup.BackupDataDeletions;
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
     * tried again soon, and holds neither the stack nor its status.
     *
     * @return false when something failed and is to be tried again soon
     */
    static boolean apply(Pass pass, Context<PanStack> context, java.time.Instant now, BackupDataRemover remover) {
        Stack stack = pass.stack();
        Housekeeping writes = new Housekeeping("the PanStackBackups of " + stack.namespace() + "/" + stack.name());
        write(pass, context, now, writes);
        return deleteAsked(pass, context, remover, writes) & writes.allDone();
    }

    private static void write(Pass pass, Context<PanStack> context, java.time.Instant now, Housekeeping writes) {
        Stack stack = pass.stack();
        BackupRecords.Plan plan = BackupRecords.plan(stack, target(pass),
                context.getSecondaryResourcesAsStream(PanStackBackup.class).toList(),
                context.getSecondaryResourcesAsStream(Job.class).toList(),
                context.getSecondaryResourcesAsStream(Pod.class).toList(),
                pass.cloud() == null || pass.cloud().database() == null ? null : pass.cloud().database().snapshots(),
                now);
        plan.jobsToStart().forEach(job -> writes.attempt("start Job " + job.getMetadata().getName(),
                () -> JobRun.create(job, stack.resource(), context)));
        for (PanStackBackup record : plan.recordsToCreate()) {
            writes.attempt("create PanStackBackup " + record.getMetadata().getName(), () -> {
                try {
                    context.getClient().resource(record).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) { // made by an earlier pass the cache has not shown yet
                        throw e;
                    }
                }
            });
        }
        // The status of a record whose Job could not start says Pending, which starts it again at the next pass.
        plan.statuses().forEach((name, status) -> writes.attempt("write the status of PanStackBackup " + name,
                () -> StatusReplace.write(context.getClient(), PanStackBackup.class, stack.namespace(), name, status)));
        // Records only: the backups themselves follow their own retention.
        plan.recordsToDelete().forEach(name -> writes.attempt("delete PanStackBackup " + name,
                () -> context.getClient().resources(PanStackBackup.class).inNamespace(stack.namespace()).withName(name)
                        .delete()));
    }

    /** Deletes one backup from a stack's bucket, with its manifest, unless it is gone already; throws AWS's answer. */
    interface BackupDataRemover {
        void delete(Stack stack, String bucket, String key);
    }

    /** The data of the records annotated panstack.io/delete-data, then the records (see BackupDataDeletions). */
    /** @return false when the data of a record could not be deleted (its status says why; tried again soon) */
    private static boolean deleteAsked(Pass pass, Context<PanStack> context, BackupDataRemover remover,
            Housekeeping writes) {
        Stack stack = pass.stack();
        List<PanStackBackup> records = context.getSecondaryResourcesAsStream(PanStackBackup.class).toList();
        String bucket = pass.cloud() == null || pass.cloud().bucket() == null ? null : pass.cloud().bucket().name();
        BackupDataDeletions.Plan plan = BackupDataDeletions.plan(stack, bucket, records,
                context.getSecondaryResourcesAsStream(PanStackRestore.class).toList());
        Map<String, String> kept = new java.util.LinkedHashMap<>(plan.kept());
        List<String> gone = new java.util.ArrayList<>(plan.recordsOnly());
        boolean allDeleted = true;
        for (BackupDataDeletions.Deletion deletion : plan.fromBucket()) {
            try {
                remover.delete(stack, bucket, deletion.key());
                gone.add(deletion.record());
                LOG.infof("Deleted the backup %s of %s/%s from bucket %s, as PanStackBackup %s asked", deletion.key(),
                        stack.namespace(), stack.name(), bucket, deletion.record());
            } catch (RuntimeException e) {
                kept.put(deletion.record(), "Deleting its data, as " + BackupDataDeletions.ANNOTATION + " asks, failed"
                        + " (tried again soon): " + AwsErrors.message(e));
                allDeleted = false;
            }
        }
        gone.forEach(name -> writes.attempt("delete PanStackBackup " + name, () -> context.getClient()
                .resources(PanStackBackup.class).inNamespace(stack.namespace()).withName(name).delete()));
        for (PanStackBackup record : records) {
            String why = kept.get(record.getMetadata().getName());
            if (why != null && !why.equals(record.getStatus().getMessage())) {
                writes.attempt("write the status of PanStackBackup " + record.getMetadata().getName(),
                        () -> StatusReplace.write(context.getClient(), PanStackBackup.class, stack.namespace(),
                                record.getMetadata().getName(), record.getStatus().withMessage(why)));
            }
        }
        return allDeleted;
    }

    /** Where backups go; null while the stack's bucket is not ready (its backups wait for it). */
    static Target target(Pass pass) {
        boolean bucketPending = pass.stack().spec().getBucket() != null
                && (pass.cloud() == null || pass.cloud().bucket() == null);
        return bucketPending ? null : Backups.target(pass.cloud());
    }
}
