package io.panstack.operator.pass;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * The store of the operator's secondary informers (LeanInformers): it keeps each object without what the operator
 * never reads, so its memory grows with the number of stacks by what it does read. Left out: metadata.managedFields
 * of every object (a child is matched by its desired-state stamp and generation, see DesiredStamp; the field lists
 * were the largest part of the heap at 1,000 stacks), the spec of Pods (their problems are read from their status),
 * and the pod templates of the workloads the operator writes (Deployments, the StatefulSet, the backup CronJob:
 * their status and metadata are what it reads back). Jobs, claims, Secrets and the rest are kept whole. What is
 * kept shares its strings (labels, annotations, namespaces and owner references repeat on every child of a stack,
 * and across stacks) and holds labels and annotations in read-only maps.
 * <p>
 * Only where one informer fills it: JOSDK gives every per-namespace informer of an event source the same store, and
 * each relist would then drop the other namespaces' objects (and send deletes for them). So a store is set only when
 * the operator watches all namespaces or one ({@link LeanInformers}); watching a list of namespaces
 * (deploy/confined/), the informers keep objects as they read them: whole, but for what LeanReading leaves out,
 * which is what this store drops. (With LeanReading, what this store drops is mostly never read in the first place.)
 */
public final class TrimmedItemStore<R extends HasMetadata> implements ItemStore<R> {
    /**
     * The longest label key (a 253-character prefix, '/', 63 characters); annotations such as kubectl's
     * last-applied-configuration are longer, and unique to their object.
     */
    private static final int SHARED_UP_TO = 317;
    /** Entries up to which labels or annotations are held in a compact map (ours carry about 10). */
    private static final int COMPACT_UP_TO = 32;
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
        ObjectMeta metadata = object.getMetadata();
        metadata.setManagedFields(null);
        metadata.setNamespace(shared(metadata.getNamespace()));
        metadata.setLabels(compact(metadata.getLabels()));
        metadata.setAnnotations(compact(metadata.getAnnotations()));
        if (metadata.getOwnerReferences() != null) {
            for (OwnerReference owner : metadata.getOwnerReferences()) {
                owner.setApiVersion(shared(owner.getApiVersion()));
                owner.setKind(shared(owner.getKind()));
                owner.setName(shared(owner.getName()));
                owner.setUid(shared(owner.getUid()));
            }
        }
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

    /**
     * Labels and annotations as a read-only map of shared strings: every child of a stack carries the same keys and
     * most of the same values, and a LinkedHashMap of its own strings cost ~150 bytes an entry (a third of the heap at
     * 1,000 stacks). Read-only also says what is true of any cached object once stored: it is read, never changed.
     * Small maps are made compact (Map.copyOf); a large one keeps a HashMap, whose bins turn into trees when keys
     * share a hash, so an object labelled with thousands of colliding keys costs no quadratic time.
     */
    static Map<String, String> compact(Map<String, String> map) {
        // First: an empty map read leanly is Map.of() (SharedEmptyCollections), which throws on containsValue(null),
        // and so does a map compacted before; the loop below asks its values instead.
        if (map == null || map.isEmpty()) {
            return map == null ? null : Map.of();
        }
        if (map.values().stream().anyMatch(Objects::isNull)) { // Map.copyOf refuses a null value
            return Collections.unmodifiableMap(map);
        }
        Map<String, String> shared = new HashMap<>(map.size() * 2);
        map.forEach((key, value) -> shared.put(shared(key), shared(value)));
        return shared.size() <= COMPACT_UP_TO ? Map.copyOf(shared) : Collections.unmodifiableMap(shared);
    }

    /** One copy of a string for every object that holds it; a longer one is unique to its object and kept as it is. */
    static String shared(String value) {
        return value == null || value.length() > SHARED_UP_TO ? value : value.intern();
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
