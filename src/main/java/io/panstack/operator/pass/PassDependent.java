package io.panstack.operator.pass;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * A stateless child built from this pass by a pure builder, and applied by JOSDK (server-side apply) only when its
 * desired state changed (see DesiredStamp). Public with a public constructor: JOSDK creates it by class.
 */
public abstract class PassDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, PanStack> {
    private final Function<Pass, R> builder;

    protected PassDependent(Class<R> type, Function<Pass, R> builder) {
        super(type);
        this.builder = builder;
    }

    @Override
    protected final R desired(PanStack primary, Context<PanStack> context) {
        return DesiredStamp.stamp(builder.apply(Pass.of(context)));
    }

    @Override
    public Matcher.Result<R> match(R actual, R desired, PanStack primary, Context<PanStack> context) {
        return Matcher.Result.computed(DesiredStamp.unchanged(actual, desired), desired);
    }

    /** JOSDK's own informer for this dependent, with a trimmed store where that is safe (see TrimmedItemStore). */
    @Override
    protected InformerEventSource<R, PanStack> createEventSource(EventSourceContext<PanStack> context) {
        InformerEventSourceConfiguration.Builder<R> informer = informerConfigurationBuilder(context)
                .withSecondaryToPrimaryMapper(getSecondaryToPrimaryMapper(context).orElseThrow()).withName(name());
        configuration().ifPresent(settings -> informer.updateFrom(settings.informerConfig()));
        InformerEventSource<R, PanStack> source = new InformerEventSource<>(
                TrimmedItemStore.useWhereSafe(informer, context).build(), context);
        setEventSource(source);
        return source;
    }

    @Override
    public R update(R actual, R desired, PanStack primary, Context<PanStack> context) {
        return DesiredStamp.written(super.update(actual, desired, primary, context));
    }

    /** Never over someone else's object of the same name (see TakeOver). */
    @Override
    public R create(R desired, PanStack primary, Context<PanStack> context) {
        TakeOver.refuseForeign(context.getClient(), desired, primary);
        return DesiredStamp.written(super.create(desired, primary, context));
    }
}
