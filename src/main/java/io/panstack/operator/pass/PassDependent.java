package io.panstack.operator.pass;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * A stateless child built from this pass by a pure builder, and applied by JOSDK (server-side apply) only when its
 * desired state changed (see StackChild). Public with a public constructor: JOSDK creates it by class.
 */
public abstract class PassDependent<R extends HasMetadata> extends StackChild<R> {
    private final Function<Pass, R> builder;

    protected PassDependent(Class<R> type, Function<Pass, R> builder) {
        super(type);
        this.builder = builder;
    }

    @Override
    protected final R desired(PanStack primary, Context<PanStack> context) {
        return DesiredStamp.stamp(builder.apply(Pass.of(context)), primary);
    }
}
