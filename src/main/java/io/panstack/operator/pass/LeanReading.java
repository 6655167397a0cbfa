package io.panstack.operator.pass;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What the informers of Kubernetes' own kinds (the children, Pods, claims, Secrets, Jobs) list and watch with: the
 * operator's own client (the same connections, the same request counting), reading each object without the parts
 * TrimmedItemStore drops from it anyway: metadata.managedFields, the spec of Pods, and the pod templates of the
 * workloads the operator writes. Jackson skips those parts of every list page and watch event instead of building
 * objects only to throw them away: a third of the operator's CPU at 1,000 stacks went to reading, and a Deployment's
 * watch event with the managedFields of one apply reads in ~45 % less CPU (a real API server's managedFields, one
 * entry per manager, are larger). Each object's empty lists and maps are one shared empty one
 * (SharedEmptyCollections). Jobs are read whole: their pod templates are read (BackupRecords, SeedProgress,
 * InPlaceRestores).
 * <p>
 * Read-only: it leaves those parts out when it reads, and would send them if it wrote, but nothing writes with it
 * (JOSDK writes the children with the reconciler's client). Leaving parts out in the informers holds in every watch
 * mode, also where the informers keep whole objects (a list of namespaces, see LeanInformers): nothing the operator
 * decides reads them.
 */
public final class LeanReading {
    /** Ignored when read, still written: the same object would serialize whole. */
    @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
    private abstract static class WithoutManagedFields {
    }

    @JsonIgnoreProperties(value = "spec", allowGetters = true)
    private abstract static class WithoutSpec {
    }

    @JsonIgnoreProperties(value = "template", allowGetters = true)
    private abstract static class WithoutTemplate {
    }

    @JsonIgnoreProperties(value = { "template", "volumeClaimTemplates" }, allowGetters = true)
    private abstract static class WithoutTemplates {
    }

    @JsonIgnoreProperties(value = "jobTemplate", allowGetters = true)
    private abstract static class WithoutJobTemplate {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final KubernetesSerialization SERIALIZATION = leanMapping(MAPPER);
    /** The kinds the lean informers read, for ReadersAhead. */
    private static final Set<Class<? extends HasMetadata>> KINDS = ConcurrentHashMap.newKeySet();

    /**
     * Only a watch event's object is read by its kind (lists are read as lists of their kind). So the mapping knows,
     * besides the kinds its informers register, the Status an ERROR watch event carries: read as anything
     * else, a 410 Gone (the watch's resource version compacted away) is not seen as one, and the watch is tried again
     * with the expired version, again and again, instead of listing afresh.
     */
    static KubernetesSerialization leanMapping(ObjectMapper mapper) {
        KubernetesSerialization lean = new KubernetesSerialization(mapper
                .registerModule(new SimpleModule("shared-empty-collections")
                        .setDeserializerModifier(new SharedEmptyCollections()))
                .registerModule(ItemsOnDemand.module())
                .addMixIn(ObjectMeta.class, WithoutManagedFields.class)
                .addMixIn(Pod.class, WithoutSpec.class)
                .addMixIn(DeploymentSpec.class, WithoutTemplate.class)
                .addMixIn(StatefulSetSpec.class, WithoutTemplates.class)
                .addMixIn(CronJobSpec.class, WithoutJobTemplate.class), false);
        lean.registerKubernetesResource(Status.class);
        return lean;
    }

    /** One lean client for each client of the operator's (one in a process; a test may make more). */
    private static final Map<KubernetesClient, KubernetesClient> LEAN =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final Logger LOG = Logger.getLogger(LeanReading.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private LeanReading() {
    }

    /** The kinds read leanly so far (the informers' kinds, once the operator has started). */
    static Set<Class<? extends HasMetadata>> kinds() {
        return Set.copyOf(KINDS);
    }

    /** The mapping the lean informers read with, for ReadersAhead only: never write with it. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Whether informers of this kind read leanly: Kubernetes' own kinds, whose models keep a field they do not know
     * in their additional properties. The operator's own kinds are read by the operator's client, whose mapping knows
     * them.
     */
    public static boolean reads(Class<? extends HasMetadata> kind) {
        return kind.getPackageName().startsWith("io.fabric8.kubernetes.api.model");
    }

    /**
     * The lean client on the same HTTP client and configuration as this one, for informers of this kind. The kind is
     * made known to the lean mapping, which reads a watch event's object by its kind: it knows only the kinds its
     * informers watch, rather than searching the class path for every kind there is (~0.2 s of CPU at a start).
     * Closing the operator's client closes it; never close it alone, as it would close the HTTP client they share.
     * A client that is not fabric8's own implementation has no lean twin: its informers read whole objects.
     */
    public static KubernetesClient lean(KubernetesClient client, Class<? extends HasMetadata> kind) {
        if (!(client instanceof BaseClient base)) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warnf("Informers read whole objects: %s is not a fabric8 client", client.getClass().getName());
            }
            return client;
        }
        SERIALIZATION.registerKubernetesResource(kind);
        KINDS.add(kind);
        return LEAN.computeIfAbsent(client, own -> {
            Executor executor = base.getExecutor(); // not base::getExecutor: the lean client would hold its key
            KubernetesClient lean = new KubernetesClientImpl(base.getHttpClient(), base.getConfiguration(),
                    () -> executor, SERIALIZATION);
            base.addToCloseable(lean); // its informers stop with the operator's client
            return lean;
        });
    }
}
