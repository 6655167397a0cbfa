package io.panstack.operator.pass;

import java.util.Optional;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Hold;

/**
 * What one reconcile of a stack found, built once and then only read: by the workflow's dependents (under one typed
 * key in JOSDK's context) and by the status observer (as a parameter). Everything a dependent builds from is here,
 * and a precondition that needs the stack reads it here too, so the two never see two different stacks.
 *
 * @param stack          the stack to build: as AWS revealed it (the RDS endpoint), on the release that runs while an
 *                       upgrade waits for its safety backup
 * @param cloud          its AWS resources after this pass; null for a stack without any, or when the pass stopped
 *                       before AWS
 * @param databaseReady  the repository database takes connections
 * @param repositoryHeld the database is ready but Pi must not use it yet (a restore into it is pending)
 * @param restoredAt     when database.restoreFrom was restored (recorded in status, or found done now); null before
 * @param hold           why the spec is not fully carried out yet though nothing is wrong; null when it is
 * @param repositoryStopped the dashboard and scheduler must run no pod now (an in-place restore)
 */
public record Pass(Stack stack, CloudState cloud, boolean databaseReady, boolean repositoryHeld,
        String restoredAt, Hold hold, boolean repositoryStopped) {
    private static final String KEY = "panstack.pass";

    /** The repository is ready for the dashboard and scheduler. */
    public boolean repositoryReady() {
        return databaseReady && !repositoryHeld;
    }

    /** Every AWS resource the stack uses can serve Pi (true for a stack without any). */
    public boolean awsReady() {
        return cloud == null || cloud.ready();
    }

    /** The same pass, with the dashboard and scheduler stopped (or not) for an in-place restore, and its hold. */
    public Pass stoppingRepository(boolean stop, Hold restoreHold) {
        return new Pass(stack, cloud, databaseReady, repositoryHeld, restoredAt, hold != null ? hold : restoreHold, stop);
    }

    public void putInto(Context<PanStack> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    /** The pass of this reconcile; the workflow runs only after the reconciler has put it there. */
    public static Pass of(Context<PanStack> context) {
        return find(context).orElseThrow(() -> new IllegalStateException("no pass in the context: the workflow"
                + " runs only after the reconciler has recorded what it found"));
    }

    public static Optional<Pass> find(Context<PanStack> context) {
        return context.managedWorkflowAndDependentResourceContext().get(KEY, Pass.class);
    }
}
