package io.panstack.operator.pass;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;

/**
 * The store of every informer the operator runs: it keeps each object without what the operator never reads, so its
 * memory grows with the number of stacks by what it does read. Left out: metadata.managedFields of every object (a
 * child is matched by its desired-state stamp and generation, see DesiredStamp; the field lists were the largest
 * part of the heap at 1,000 stacks), the spec of Pods (their problems are read from their status), and the pod
 * templates of the workloads the operator writes (Deployments, the StatefulSet, the backup CronJob: their status and
 * metadata are what it reads back). Jobs, claims, Secrets and the rest are kept whole.
 * <p>
 * Only where one informer fills it: JOSDK gives every per-namespace informer of an event source the same store, and
 * each relist would then drop the other namespaces' objects (and send deletes for them). So a store is set only when
 * the operator watches all namespaces or one ({@link #useWhereSafe}); watching a list of namespaces
 * (deploy/confined/), the informers keep whole objects.
 */
public final class TrimmedItemStore<R extends HasMetadata> implements ItemStore<R> {
    private final Map<String, R> items = new ConcurrentHashMap<>();

    @Override
    public String getKey(R object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public R put(String key, R object) {
        return items.put(key, trimmed(object));
    }

    /** Sets a store of its own on this informer, when the operator runs a single informer per type. */
    public static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> useWhereSafe(
            InformerEventSourceConfiguration.Builder<R> informer, EventSourceContext<?> context) {
        return safe(context.getControllerConfiguration().getInformerConfig().getNamespaces())
                ? informer.withItemStore(new TrimmedItemStore<>()) : informer;
    }

    /** One informer per type: all namespaces, or one. */
    static boolean safe(Set<String> watchedNamespaces) {
        return watchedNamespaces.size() == 1;
    }

    static <R extends HasMetadata> R trimmed(R object) {
        object.getMetadata().setManagedFields(null);
        if (object instanceof Pod pod) {
            pod.setSpec(null);
        } else if (object instanceof Deployment deployment && deployment.getSpec() != null) {
            deployment.getSpec().setTemplate(null);
        } else if (object instanceof StatefulSet statefulSet && statefulSet.getSpec() != null) {
            statefulSet.getSpec().setTemplate(null);
            statefulSet.getSpec().setVolumeClaimTemplates(null);
        } else if (object instanceof CronJob cronJob && cronJob.getSpec() != null) {
            cronJob.getSpec().setJobTemplate(null);
        }
        return object;
    }

    @Override
    public R remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<R> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public R get(String key) {
        return items.get(key);
    }
}
