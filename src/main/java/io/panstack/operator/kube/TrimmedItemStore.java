package io.panstack.operator.kube;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * The store of every informer the operator runs: it keeps each object without what the operator never reads, so its
 * memory grows with the number of stacks by what it does read. Left out: metadata.managedFields of every object (a
 * child is matched by its desired-state stamp and generation, see DesiredStamp; the field lists were the largest
 * part of the heap at 1,000 stacks), the spec of Pods (their problems are read from their status), and the pod
 * templates of the workloads the operator writes (Deployments, the StatefulSet, the backup CronJob: their status and
 * metadata are what it reads back). Jobs, claims, Secrets and the rest are kept whole. Public with a public
 * no-argument constructor: the informer configuration names it by class.
 */
public class TrimmedItemStore<R extends HasMetadata> implements ItemStore<R> {
    private final Map<String, R> items = new ConcurrentHashMap<>();

    @Override
    public String getKey(R object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public R put(String key, R object) {
        return items.put(key, trimmed(object));
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
