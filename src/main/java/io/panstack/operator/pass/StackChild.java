package io.panstack.operator.pass;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * What every child the workflow writes shares, one object (PassDependent) or one per component (ByComponent): it is
 * written only when its desired state changed (DesiredStamp, so subclasses stamp what they build), never over
 * someone else's object of the same name (TakeOver), and watched by an informer that keeps only what the operator
 * reads, where that is safe, and lists in pages (LeanInformers).
 */
public abstract class StackChild<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, PanStack> {

    protected StackChild(Class<R> type) {
        super(type);
    }

    @Override
    public Matcher.Result<R> match(R actual, R desired, PanStack primary, Context<PanStack> context) {
        return Matcher.Result.computed(DesiredStamp.unchanged(actual, desired), desired);
    }

    @Override
    public R create(R desired, PanStack primary, Context<PanStack> context) {
        R existing = TakeOver.existingOwnable(context.getClient(), desired, primary);
        if (existing == null) {
            return DesiredStamp.written(super.create(desired, primary, context));
        }
        // One already there but not among the stack's children (handed over by its labels, or the stack's own with
        // its labels changed) is replaced whole, once: a create of it is refused (409; JOSDK's server-side apply
        // creates only what is not there), and an apply would keep what its earlier writers set and the operator
        // does not (another container, say). Owned from then on, so the informers count it as the stack's and later
        // passes apply as usual.
        R replacement = context.getClient().getKubernetesSerialization().clone(desired);
        replacement.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        replacement.addOwnerReference(primary);
        return DesiredStamp.written(context.getClient().resource(replacement).update());
    }

    @Override
    public R update(R actual, R desired, PanStack primary, Context<PanStack> context) {
        return DesiredStamp.written(super.update(actual, desired, primary, context));
    }

    /** JOSDK's own informer for this dependent, made lean (LeanInformers). */
    @Override
    protected InformerEventSource<R, PanStack> createEventSource(EventSourceContext<PanStack> context) {
        InformerEventSourceConfiguration.Builder<R> informer = informerConfigurationBuilder(context)
                .withSecondaryToPrimaryMapper(getSecondaryToPrimaryMapper(context).orElseThrow()).withName(name());
        configuration().ifPresent(settings -> informer.updateFrom(settings.informerConfig()));
        InformerEventSource<R, PanStack> source = new InformerEventSource<>(
                LeanInformers.configure(informer, resourceType(), context).build(), context);
        setEventSource(source);
        return source;
    }
}
