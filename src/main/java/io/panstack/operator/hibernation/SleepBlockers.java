package io.panstack.operator.hibernation;

import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.backup.InPlaceRestores;
import io.panstack.operator.backup.UpgradeGate;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * What must finish before a stack may sleep, read from the informers' caches: a Job of the stack that runs (backup,
 * verification, restore, seeding), a PanStackRestore under way, an upgrade waiting for its safety backup, a restore of
 * database.restoreFrom. Stopping the database under any of them would fail it halfway.
 */
final class SleepBlockers {
    private static final Set<String> HOLDS = Set.of(UpgradeGate.WAITING, InPlaceRestores.HOLD_REASON, "WaitingForRestore");

    private SleepBlockers() {
    }

    static Optional<String> of(Stack stack, Context<PanStack> context) {
        Optional<String> job = context.getSecondaryResourcesAsStream(Job.class)
                .filter(j -> StackLabels.belongsTo(j.getMetadata().getLabels(), stack.name()))
                .filter(j -> j.getStatus() != null && j.getStatus().getActive() != null && j.getStatus().getActive() > 0)
                .map(j -> "the Job " + j.getMetadata().getName()).findFirst();
        if (job.isPresent()) {
            return job;
        }
        Optional<String> restore = context.getSecondaryResourcesAsStream(PanStackRestore.class)
                .filter(r -> r.getSpec() != null && stack.name().equals(r.getSpec().getStack()))
                .filter(r -> r.getStatus() == null || !r.getStatus().finished())
                .map(r -> "the PanStackRestore " + r.getMetadata().getName()).findFirst();
        if (restore.isPresent()) {
            return restore;
        }
        var status = stack.resource().getStatus();
        return status == null ? Optional.empty() : status.getConditions().stream()
                .filter(c -> "Reconciling".equals(c.getType()) && HOLDS.contains(c.getReason()))
                .map(Condition::getReason).map(reason -> "the step in progress (" + reason + ")").findFirst();
    }
}
