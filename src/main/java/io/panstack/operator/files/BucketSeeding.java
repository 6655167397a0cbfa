package io.panstack.operator.files;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.kube.DataObjects;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.kube.StackEvents;
import io.panstack.operator.stack.Stack;

/**
 * Seeds the files volume from the stack's bucket, once: creates the seeding Job when the bucket is ready and the
 * files claim exists, and sends an Event when it has succeeded or failed. Never deletes the Job (a failed one stays
 * for kubectl logs; deleting it asks for another attempt), and never creates it again once status.files.seededAt is
 * set. The Pi workloads do not wait for any of this.
 */
public final class BucketSeeding {

    private BucketSeeding() {
    }

    public static void reconcile(Stack stack, CloudState cloud, Context<PanStack> context) {
        SeedProgress progress = SeedProgress.of(stack, job(stack, context));
        PanStack resource = stack.resource();
        switch (progress.stage()) {
            case PENDING -> {
                if (cloud.bucket() != null && cloud.bucket().state().ready() && claimExists(stack, context)) {
                    JobRun.create(BucketSeedJob.desired(stack, cloud.bucket().name(), cloud.bucket().region()),
                            resource, context);
                }
            }
            // Status records the success in this same reconcile, so the next one finds the stage DONE.
            case SUCCEEDED -> StackEvents.normal(context.getClient(), resource, "FilesSeeded", "Seeded the files"
                    + " volume from " + progress.from() + " (Job " + progress.job() + "); files it already had were"
                    + " kept. It is never seeded again.");
            case FAILED -> {
                if (!progress.failureReportedIn(conditions(resource))) {
                    StackEvents.warning(context.getClient(), resource, "FilesSeedFailed", "Seeding the files volume"
                            + " from " + progress.from() + " failed in Job " + progress.job() + ": see kubectl logs job/"
                            + progress.job() + ", then delete the Job to try again. The volume is usable; nothing on"
                            + " it was replaced.");
                }
            }
            default -> {
            }
        }
    }

    private static List<Condition> conditions(PanStack resource) {
        return resource.getStatus() == null ? null : resource.getStatus().getConditions();
    }

    /** The stack's seeding Job, from the operator's cache. */
    public static Optional<Job> job(Stack stack, Context<PanStack> context) {
        return JobRun.find(context, stack.names().seedFilesJob()).job();
    }

    private static boolean claimExists(Stack stack, Context<PanStack> context) {
        return new DataObjects(context).find(PersistentVolumeClaim.class, stack.namespace(),
                stack.names().filesVolume()).isPresent();
    }
}
