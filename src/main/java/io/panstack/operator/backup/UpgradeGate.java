package io.panstack.operator.backup;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.database.SafetySnapshot;
import io.panstack.operator.kube.Failures;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.ShortHash;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Hold;

/**
 * The vendor says to back up before an upgrade, because the dashboard migrates its repository when it starts on a
 * new release. So when spec.version changes on a stack with backups, the running release stays until a backup of
 * the repository taken for this upgrade has succeeded; only then do the Pi images roll.
 */
public final class UpgradeGate {

    public static final String WAITING = "WaitingForSafetyBackup";

    private UpgradeGate() {
    }

    /** What the gate decided: the stack the workflow should build (held back or not), and why it waits. */
    public record Decision(Stack stack, Hold hold) {
    }

    /**
     * The RDS snapshot the AWS pass must make sure of before an upgrade can roll (an RDS stack without logical
     * backups whose release changes), or null.
     */
    public static String safetySnapshotWanted(Stack stack, Context<PanStack> context) {
        if (stack.spec().getDatabase().getRds() == null || stack.spec().backsUp()) {
            return null;
        }
        String wanted = stack.spec().getVersion();
        return runningVersion(context, stack).filter(running -> !running.equals(wanted))
                .map(running -> SafetySnapshot.name(stack, running, wanted)).orElse(null);
    }

    /** @param cloud this pass's AWS state, with the safety snapshot of an RDS stack; null without AWS */
    public static Decision decide(Stack stack, Context<PanStack> context, CloudState cloud) {
        String wanted = stack.spec().getVersion();
        Optional<String> running = runningVersion(context, stack);
        if (running.isEmpty() || running.get().equals(wanted)) {
            return new Decision(stack, null);
        }
        if (stack.sleep().piStopped()) {
            // Its backup needs the database, stopped while the stack hibernates: the upgrade waits for the stack to wake.
            return held(stack, context, running.get(), "Pi " + running.get() + " stays while the stack hibernates; the"
                    + " upgrade to " + wanted + " and the backup before it wait for it to wake");
        }
        if (stack.spec().backsUp()) {
            return logical(stack, Backups.target(cloud), context, running.get(), wanted);
        }
        if (stack.spec().getDatabase().getRds() != null) {
            String snapshot = SafetySnapshot.name(stack, running.get(), wanted);
            String waiting = "Pi " + running.get() + " keeps running until the RDS snapshot " + snapshot
                    + " taken before the upgrade to " + wanted + " is available";
            Observed<Boolean> safety = cloud == null || cloud.database() == null ? null : cloud.database().safetySnapshot();
            if (safety != null && Boolean.TRUE.equals(safety.value())) {
                return new Decision(stack, null);
            }
            // Holds the upgrade only: the running release, its workloads and status go on; the next poll looks again.
            return held(stack, context, running.get(), safety == null || !safety.failed() ? waiting
                    : waiting + "; AWS refused or failed the snapshot call (" + safety.failure()
                            + "), tried again at the next poll");
        }
        return new Decision(stack, null); // no backup destination: nothing to wait for (see README)
    }

    private static Decision logical(Stack stack, Target target, Context<PanStack> context, String from, String wanted) {
        JobRun backup = JobRun.find(context, jobName(stack, from, wanted));
        if (backup.succeeded()) {
            return new Decision(stack, null);
        }
        String message = "Pi " + from + " keeps running until the backup before the upgrade to " + wanted
                + (backup.failed() ? " succeeds: Job " + backup.name() + " failed (kubectl logs job/" + backup.name()
                        + "); delete it to try again" : " has finished (Job " + backup.name() + ")");
        try {
            backup.startOnce(() -> BackupJobs.job(stack, target, backup.name()), context);
        } catch (KubernetesClientException e) {
            // Holds the upgrade only (a quota, an admission policy): everything else goes on; tried again soon.
            Decision refused = held(stack, context, from, message);
            return new Decision(refused.stack(), refused.hold().retryingSoon("the Kubernetes API refused the Job: "
                    + Failures.describe(e)));
        }
        return held(stack, context, from, message);
    }

    /** The stack as it runs now (the release before the upgrade), and why. */
    private static Decision held(Stack stack, Context<PanStack> context, String running, String message) {
        PanStack copy = context.getClient().getKubernetesSerialization().clone(stack.resource());
        return new Decision(stack.runningVersion(copy, running), new Hold(WAITING, message));
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
        String hash = ShortHash.of(from + "->" + to);
        String name = stack.names().backup() + "-pre-upgrade-" + hash;
        // The Job controller copies a Job's name into its pods' job-name label, which takes at most 63 characters:
        // a long stack name (up to 40) gets the shorter form, or the Job would be refused and the upgrade held for ever.
        // "-preupgrade-" never ends a long-form name ("...-pre-upgrade-"), so two stacks' names cannot meet.
        return name.length() <= MAX_JOB_NAME ? name : stack.name() + "-preupgrade-" + hash;
    }

    static final int MAX_JOB_NAME = 63;
}
