package io.panstack.operator.pass;

import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.Stack;

/**
 * A workflow precondition on the stack of this pass. A false precondition deletes its dependent, so preconditions
 * guard only objects that hold no data; the data itself (claims, credentials) is never a dependent. JOSDK creates
 * them by class: each is a subclass that hands its test to the constructor.
 */
public abstract class PassCondition implements Condition<HasMetadata, PanStack> {
    private final Predicate<Stack> test;

    protected PassCondition(Predicate<Stack> test) {
        this.test = test;
    }

    @Override
    public final boolean isMet(DependentResource<HasMetadata, PanStack> dependent, PanStack primary,
            Context<PanStack> context) {
        return test.test(Pass.of(context).stack());
    }
}
