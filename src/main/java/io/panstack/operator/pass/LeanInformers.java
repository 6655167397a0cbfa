package io.panstack.operator.pass;

import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;

/**
 * How the operator's informers are set up to hold little: the children's and the other watched kinds'
 * (StackEventSources) read Kubernetes' own kinds without what the operator never reads (LeanReading), list in pages
 * and keep trimmed objects where that is safe (TrimmedItemStore); the PanStacks' own lists in pages too
 * (PanStackReconciler's annotation). Paged, a start or relist holds one page of objects at a time before they are
 * trimmed, instead of every object of a kind: with 1,000 stacks, a restart filled all informers at once and was the
 * operator's peak of memory. The price is on the API server, which reads a paged list from etcd where it answers an
 * unpaged first list from its cache; paid at a start and at a relist only.
 */
public final class LeanInformers {
    /** Objects a list page holds; client-go's pager uses the same. */
    public static final long LIST_PAGE = 500;

    private LeanInformers() {
    }

    /**
     * @param kind what the informer watches: Kubernetes' own kinds are read leanly (LeanReading); the operator's own
     *             (PanStackBackup, PanStackRestore) by the operator's client, whose mapping knows them
     */
    public static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> configure(
            InformerEventSourceConfiguration.Builder<R> informer, Class<R> kind, EventSourceContext<?> context) {
        informer.withInformerListLimit(LIST_PAGE);
        if (LeanReading.reads(kind)) {
            informer.withKubernetesClient(LeanReading.lean(context.getClient(), kind));
        }
        return oneInformerPerType(context.getControllerConfiguration().getInformerConfig().getNamespaces())
                ? informer.withItemStore(new TrimmedItemStore<>()) : informer;
    }

    /**
     * A store of the operator's own only where one informer fills it: all namespaces, or one. JOSDK gives every
     * per-namespace informer of an event source the same store, and each relist would then drop the other
     * namespaces' objects.
     */
    static boolean oneInformerPerType(Set<String> watchedNamespaces) {
        return watchedNamespaces.size() == 1;
    }
}
