package io.panstack.operator.kube;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * A one-shot Job of a stack (the safety backup of an upgrade, a backup on demand, the restore, the files seeding):
 * found by its name in the operator's cache, started once, owned by the PanStack, and judged by {@link JobOutcome}.
 * The name carries what the Job is for, so a pass repeated after a crash finds the Job instead of starting another.
 */
public record JobRun(String name, Optional<Job> job) {
    private static final Logger LOG = Logger.getLogger(JobRun.class);

    public static JobRun find(Context<PanStack> context, String name) {
        return new JobRun(name, context.getSecondaryResourcesAsStream(Job.class)
                .filter(j -> name.equals(j.getMetadata().getName())).findFirst());
    }

    public boolean started() {
        return job.isPresent();
    }

    /** Empty before it was started. */
    public Optional<JobOutcome> outcome() {
        return job.map(JobOutcome::of);
    }

    public boolean succeeded() {
        return outcome().map(JobOutcome::succeeded).orElse(false);
    }

    public boolean failed() {
        return outcome().map(JobOutcome::failed).orElse(false);
    }

    /** Starts the Job unless it is there; its definition is built only then. */
    public void startOnce(Supplier<Job> definition, Context<PanStack> context) {
        if (job.isEmpty()) {
            create(definition.get(), context.getPrimaryResource(), context);
        }
    }

    /** Creates the Job owned by the PanStack; one of that name already there (the cache lagging) is kept. */
    public static void create(Job job, PanStack owner, Context<PanStack> context) {
        job.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build()));
        try {
            context.getClient().resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            LOG.debugf("Job %s/%s exists already", job.getMetadata().getNamespace(), job.getMetadata().getName());
        }
    }
}
