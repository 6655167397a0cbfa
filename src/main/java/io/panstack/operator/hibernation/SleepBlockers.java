package io.panstack.operator.hibernation;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * What must finish before a stack may sleep, read from the informers' caches: a Job of the stack that has not
 * finished (backup, verification, restore, seeding; also one just created, or waiting between retries), and a
 * PanStackRestore under way. Stopping the database under either would fail it halfway. An upgrade waiting for its
 * backup waits on that backup's Job; while the stack sleeps the upgrade waits for it to wake (UpgradeGate).
 */
final class SleepBlockers {

    private SleepBlockers() {
    }

    static Optional<String> of(Stack stack, Context<PanStack> context) {
        Optional<String> job = context.getSecondaryResourcesAsStream(Job.class)
                .filter(j -> StackLabels.belongsTo(j.getMetadata().getLabels(), stack.name()))
                .filter(j -> !finished(j))
                .map(j -> "the Job " + j.getMetadata().getName()).findFirst();
        if (job.isPresent()) {
            return job;
        }
        return context.getSecondaryResourcesAsStream(PanStackRestore.class)
                .filter(r -> r.getSpec() != null && stack.name().equals(r.getSpec().getStack()))
                .filter(r -> r.getStatus() == null || !r.getStatus().finished())
                .map(r -> "the PanStackRestore " + r.getMetadata().getName()).findFirst();
    }

    /** Complete or Failed: the Job controller will start no more pods for it. */
    static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }
}
