package io.panstack.operator.reconcile;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.build.BackupJobs;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.BackupRuns;
import io.panstack.operator.status.Hold;

/**
 * The vendor says to back up before an upgrade, because the dashboard migrates its repository when it starts on a
 * new release. So when spec.version changes on a stack with backups, the running release stays until a backup of
 * the repository taken for this upgrade has succeeded; only then do the Pi images roll.
 */
final class UpgradeGate {

    static final String WAITING = "WaitingForSafetyBackup";

    private UpgradeGate() {
    }

    /** What the gate decided: the stack the workflow should build (held back or not), and why it waits. */
    record Decision(Stack stack, Hold hold) {
    }

    static Decision decide(Stack stack, Context<PanStack> context) {
        String wanted = stack.spec().getVersion();
        Optional<String> running = runningVersion(context, stack);
        if (running.isEmpty() || running.get().equals(wanted) || stack.spec().getBackup() == null) {
            return new Decision(stack, null);
        }
        String name = jobName(stack, running.get(), wanted);
        Optional<Job> job = context.getSecondaryResourcesAsStream(Job.class)
                .filter(j -> name.equals(j.getMetadata().getName())).findFirst();
        if (job.isPresent() && BackupRuns.of(java.util.List.of(job.get())).lastSuccess() != null) {
            return new Decision(stack, null);
        }
        if (job.isEmpty()) {
            OwnedJobs.create(BackupJobs.job(stack, Backups.target(context), name), stack.resource(), context.getClient());
        }
        boolean failed = job.isPresent() && BackupRuns.of(java.util.List.of(job.get())).lastFailure() != null;
        String message = "Pi " + running.get() + " keeps running until the backup before the upgrade to " + wanted
                + (failed ? " succeeds: Job " + name + " failed (kubectl logs job/" + name + "); delete it to try again"
                        : " has finished (Job " + name + ")");
        PanStack copy = context.getClient().getKubernetesSerialization().clone(stack.resource());
        return new Decision(stack.runningVersion(copy, running.get()), new Hold(WAITING, message));
    }

    /** The release the dashboard (or, without one yet, any Pi component) runs now, from its Deployment's label. */
    static Optional<String> runningVersion(Context<PanStack> context, Stack stack) {
        return context.getSecondaryResourcesAsStream(Deployment.class)
                .filter(d -> d.getMetadata().getName().equals(stack.names().component(Component.DASHBOARD)))
                .map(d -> d.getMetadata().getLabels().get(StackLabels.VERSION))
                .filter(v -> v != null && !v.isEmpty()).findFirst();
    }

    /** One backup per upgrade (from, to): found again after a crash, never taken twice. */
    static String jobName(Stack stack, String from, String to) {
        return stack.names().backup() + "-pre-upgrade-" + ShortHash.of(from + "->" + to);
    }
}
