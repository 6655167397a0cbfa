package io.panstack.operator.reconcile;

import java.util.List;
import java.util.Optional;


import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.backup.InPlaceRestores;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.aws.AwsServicesFactory;
import io.panstack.operator.cloud.AwsPolling;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.files.EfsVolume;
import io.panstack.operator.kube.StackEvents;
import io.panstack.operator.stack.Stack;

/** The finalizer's work: a deleted PanStack's AWS resources released per deletionPolicy, one step per pass. */
final class StackRelease {
    private static final Logger LOG = Logger.getLogger(StackRelease.class);
    private final AwsServicesFactory aws;
    private final AwsPolling polling;
    private final StatusWrite status;

    StackRelease(AwsServicesFactory aws, AwsPolling polling, StatusWrite status) {
        this.aws = aws;
        this.polling = polling;
        this.status = status;
    }

    /**
     * Releases the AWS resources per deletionPolicy; the PanStack stays (phase Deleting) until AWS has finished.
     * The in-cluster children go with Kubernetes' garbage collector (owner references), the data objects only under
     * deletionPolicy Delete, as read now (see {@link PersistentData#followPolicyOnDeletion}).
     */
    DeleteControl release(PanStack cached, Context<PanStack> context) {
        PanStack resource = current(cached, context.getClient());
        if (resource.getSpec() == null) {
            return DeleteControl.defaultDelete();
        }
        Stack stack = Stack.of(resource);
        KubernetesClient client = context.getClient();
        Optional<String> restoring = InPlaceRestores.runningJob(context.getSecondaryResourcesAsStream(Job.class).toList());
        if (restoring.isPresent()) {
            // The garbage collector would stop it halfway, leaving a partial repository behind.
            String waiting = "Waiting for the restore Job " + restoring.get() + " to finish before anything is deleted"
                    + " (delete the Job to go on regardless)";
            if (patchDeleting(resource, client, waiting)) {
                StackEvents.normal(client, resource, "DeletionWaitsForRestore", waiting);
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(polling.fast());
        }
        PersistentData.followPolicyOnDeletion(stack, context);
        if (!resource.getSpec().usesAws()) {
            return DeleteControl.defaultDelete();
        }
        Release release;
        try {
            // Every restore's: one naming a PanStackBackup of kind RdsSnapshot makes an instance too (looked up by
            // name, counted only with this stack's uid tag).
            List<String> rdsRestores = context.getSecondaryResourcesAsStream(PanStackRestore.class)
                    .map(r -> r.getMetadata().getUid()).toList();
            release = CloudRelease.release(stack, aws.forRegion(AwsPass.recordedRegion(stack)), rdsRestores);
        } catch (RuntimeException e) {
            patchDeleting(resource, client, "Releasing the AWS resources failed and is retried: "
                    + AwsErrors.message(e));
            throw e;
        }
        if (!release.done()) {
            patchDeleting(resource, client, "Waiting for AWS (deletionPolicy " + resource.getSpec().deletionPolicy()
                    + "): " + String.join("; ", release.waitingFor()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(polling.fast());
        }
        if (resource.getSpec().deletionPolicy() == DeletionPolicy.Delete && resource.getSpec().getFiles().getEfs() != null) {
            EfsVolume.delete(stack, client);
        }
        StackEvents.normal(client, resource, "AwsResourcesReleased", release.kept().isEmpty()
                ? "deletionPolicy " + resource.getSpec().deletionPolicy() + ": the stack's AWS resources are deleted"
                : "deletionPolicy " + resource.getSpec().deletionPolicy() + ": kept in AWS (no longer managed): "
                        + String.join(", ", release.kept()));
        LOG.infof("PanStack %s/%s released its AWS resources (deletionPolicy %s); kept: %s",
                resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                resource.getSpec().deletionPolicy(), release.kept());
        return DeleteControl.defaultDelete();
    }

    /**
     * The PanStack as the API server has it now: the deletion acts on the deletionPolicy of that moment, not on a
     * cached copy from before a last-minute change.
     */
    private static PanStack current(PanStack cached, KubernetesClient client) {
        PanStack current = client.resources(PanStack.class).inNamespace(cached.getMetadata().getNamespace())
                .withName(cached.getMetadata().getName()).get();
        return current != null ? current : cached;
    }

    /** Whether status changed (and was written). */
    private boolean patchDeleting(PanStack resource, KubernetesClient client, String message) {
        Optional<PanStack> patch = status.deleting(resource, message);
        patch.ifPresent(changed -> client.resource(changed).patchStatus());
        return patch.isPresent();
    }

}
