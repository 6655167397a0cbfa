package io.panstack.operator.reconcile;

import java.util.List;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.panstack.operator.api.v1alpha1.PanStack;

/** One-off Jobs the operator starts for a stack (files seeding, backups on demand): owned by it, created once. */
final class OwnedJobs {
    private static final Logger LOG = Logger.getLogger(OwnedJobs.class);

    private OwnedJobs() {
    }

    /** Creates the Job owned by the PanStack; one of that name already there (a repeat after a crash) is kept. */
    static void create(Job job, PanStack owner, KubernetesClient client) {
        job.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build()));
        try {
            client.resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            LOG.debugf("Job %s/%s exists already", job.getMetadata().getNamespace(), job.getMetadata().getName());
        }
    }
}
