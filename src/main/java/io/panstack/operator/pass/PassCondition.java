package io.panstack.operator.pass;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.Stack;

/**
 * A workflow precondition on the stack of this pass. A false precondition deletes its dependent, so preconditions
 * guard only objects that hold no data; the data itself (claims, credentials) is never a dependent.
 */
public abstract class PassCondition implements Condition<HasMetadata, PanStack> {

    protected abstract boolean holds(Stack stack);

    @Override
    public final boolean isMet(DependentResource<HasMetadata, PanStack> dependent, PanStack primary,
            Context<PanStack> context) {
        return holds(Pass.of(context).stack());
    }
}
