package io.panstack.operator.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.backup.InPlaceRestores;
import io.panstack.operator.kube.JobRun;
import io.panstack.operator.kube.StackEvents;
import io.panstack.operator.kube.StatusReplace;
import io.panstack.operator.pass.Pass;

/**
 * The stack's in-place restores: planned before the workflow (which then keeps the dashboard and scheduler stopped),
 * carried out after it (the safety backup and restore Jobs, the PanStackRestore statuses).
 */
final class RestoreWrites {

    private RestoreWrites() {
    }

    static InPlaceRestores.Plan plan(Pass pass, Context<PanStack> context, Instant now) {
        if (pass.stack().sleep().piStopped()) {
            // Its steps need the database, stopped while the stack hibernates: a restore waits for the stack to wake.
            return new InPlaceRestores.Plan(false, null, List.of(), Map.of());
        }
        return InPlaceRestores.plan(pass.stack(), BackupRecordWrites.target(pass),
                context.getSecondaryResourcesAsStream(PanStackRestore.class).toList(),
                context.getSecondaryResourcesAsStream(PanStackBackup.class).toList(),
                context.getSecondaryResourcesAsStream(Job.class).toList(),
                context.getSecondaryResourcesAsStream(Pod.class).toList(),
                pass.cloud() == null || pass.cloud().database() == null ? null : pass.cloud().database().restore(), now);
    }

    /**
     * Each phase a restore enters, as an event on it (kubectl describe panstackrestore); its end on the stack too.
     * After its status was written, so a write tried again does not say it twice.
     */
    private static void announce(PanStackRestore restore, PanStackRestoreStatus status, Pass pass,
            Context<PanStack> context) {
        RestorePhase before = restore.getStatus() == null ? null : restore.getStatus().getPhase();
        if (status.getPhase() == null || status.getPhase() == before) {
            return;
        }
        String reason = "Restore" + status.getPhase();
        String message = "PanStackRestore " + restore.getMetadata().getName() + ": " + status.getPhase()
                + (status.getMessage() == null ? "" : ": " + status.getMessage());
        boolean failed = status.getPhase() == RestorePhase.Failed;
        StackEvents.of(context.getClient(), restore, failed, reason, message);
        if (status.finished()) {
            StackEvents.of(context.getClient(), pass.stack().resource(), failed, reason, message);
        }
    }

    /**
     * A failure is logged and tried again soon; Pi stays as the plan says meanwhile.
     *
     * @return false when something failed and is to be tried again soon
     */
    static boolean apply(InPlaceRestores.Plan plan, Pass pass, Context<PanStack> context) {
        Housekeeping writes = new Housekeeping("the in-place restores of " + pass.stack().namespace() + "/"
                + pass.stack().name());
        plan.jobsToStart().forEach(job -> writes.attempt("start Job " + job.getMetadata().getName(),
                () -> JobRun.create(job, pass.stack().resource(), context)));
        if (!writes.allDone()) {
            return false; // the statuses may name a Job not there: written once it is
        }
        List<PanStackRestore> restores = context.getSecondaryResourcesAsStream(PanStackRestore.class).toList();
        plan.statuses().forEach((name, status) -> writes.attempt("write the status of PanStackRestore " + name, () -> {
            StatusReplace.write(context.getClient(), PanStackRestore.class, pass.stack().namespace(), name, status);
            restores.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                    .ifPresent(restore -> announce(restore, status, pass, context));
        }));
        return writes.allDone();
    }
}
