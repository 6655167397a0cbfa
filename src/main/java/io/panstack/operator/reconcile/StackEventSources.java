package io.panstack.operator.reconcile;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.kube.StackOwnership;
import io.panstack.operator.pass.LeanInformers;
import io.panstack.operator.stack.StackLabels;

/**
 * What the reconciler watches besides its dependents: pods (for problems to report; PodUpdatesWorthReconciling says
 * which of their updates count), claims and Secrets (the data objects) and the one-shot Jobs, only those the operator
 * labelled; and every PanStackBackup (users make them unlabelled), each for the stack of its namespace it names.
 */
final class StackEventSources {

    private StackEventSources() {
    }

    static List<EventSource<?, PanStack>> of(EventSourceContext<PanStack> context) {
        return List.of(labelled(Pod.class, context, new PodUpdatesWorthReconciling()),
                labelled(PersistentVolumeClaim.class, context),
                labelled(Secret.class, context), labelled(Job.class, context),
                ofStack(PanStackBackup.class, context, record -> record.getSpec() == null ? null : record.getSpec().getStack()),
                ofStack(PanStackRestore.class, context, restore -> restore.getSpec() == null ? null : restore.getSpec().getStack()));
    }

    /** Every object of a kind that names a stack of its own namespace (users make them, unlabelled). */
    private static <R extends HasMetadata> InformerEventSource<R, PanStack> ofStack(Class<R> type,
            EventSourceContext<PanStack> context, Function<R, String> stack) {
        return new InformerEventSource<>(LeanInformers.configure(InformerEventSourceConfiguration
                .from(type, PanStack.class)
                .withName(type.getSimpleName())
                .withSecondaryToPrimaryMapper(object -> stack.apply(object) == null ? Set.of()
                        : Set.of(new ResourceID(stack.apply(object), object.getMetadata().getNamespace()))),
                type, context).build(), context);
    }

    private static <R extends HasMetadata> InformerEventSource<R, PanStack> labelled(Class<R> type,
            EventSourceContext<PanStack> context) {
        return labelled(type, context, null);
    }

    /** @param updates which updates start a reconcile; null: all */
    private static <R extends HasMetadata> InformerEventSource<R, PanStack> labelled(Class<R> type,
            EventSourceContext<PanStack> context, OnUpdateFilter<R> updates) {
        return new InformerEventSource<>(LeanInformers.configure(InformerEventSourceConfiguration
                .from(type, PanStack.class)
                .withName(type.getSimpleName())
                .withLabelSelector(StackLabels.MANAGED_SELECTOR)
                .withOnUpdateFilter(updates)
                .withSecondaryToPrimaryMapper(StackOwnership::primaryOf), type, context)
                .build(), context);
    }
}
