package io.panstack.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.stack.Stack;

/**
 * The stack as this reconcile sees it, shared with the dependents: after the AWS pass it knows the RDS endpoint and
 * whether the AWS resources are ready, which the PanStack object alone cannot tell.
 */
public final class CurrentStack {
    private static final String STACK = "panstack.stack";
    private static final String CLOUD = "panstack.cloud";
    private static final String REPOSITORY_HELD = "panstack.repositoryHeld";

    private CurrentStack() {
    }

    static void put(Context<PanStack> context, Stack stack, CloudState cloud) {
        context.managedWorkflowAndDependentResourceContext().put(STACK, stack);
        if (cloud != null) {
            context.managedWorkflowAndDependentResourceContext().put(CLOUD, cloud);
        }
    }

    public static Stack of(PanStack primary, Context<PanStack> context) {
        return context.managedWorkflowAndDependentResourceContext().get(STACK, Stack.class)
                .orElseGet(() -> Stack.of(primary));
    }

    /** Marks the repository as not ready for Pi even when the database is (a restore into it is pending). */
    static void holdRepository(Context<PanStack> context, boolean held) {
        context.managedWorkflowAndDependentResourceContext().put(REPOSITORY_HELD, held);
    }

    public static boolean repositoryHeld(Context<PanStack> context) {
        return context.managedWorkflowAndDependentResourceContext().get(REPOSITORY_HELD, Boolean.class).orElse(false);
    }

    /** The AWS resources as this reconcile found them; null for a stack without any, or before the AWS pass. */
    public static CloudState cloud(Context<PanStack> context) {
        return context.managedWorkflowAndDependentResourceContext().get(CLOUD, CloudState.class).orElse(null);
    }
}
