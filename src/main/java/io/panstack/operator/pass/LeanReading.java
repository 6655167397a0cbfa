package io.panstack.operator.pass;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * What the informers of the children and of the labelled kinds list and watch with: the operator's own client (the
 * same connections, the same request counting), reading each object without the parts TrimmedItemStore drops from it
 * anyway: metadata.managedFields, the spec of Pods, and the pod templates of the workloads the operator writes. Jackson
 * skips those parts of every list page and watch event instead of building objects only to throw them away: a third
 * of the operator's CPU at 1,000 stacks went to reading, and a Deployment's watch event with the managedFields of
 * one apply reads in ~45 % less CPU (a real API server's managedFields, one entry per manager, are larger). Jobs are
 * read whole: their pod templates are read (BackupRecords, SeedProgress, InPlaceRestores).
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

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper()
            .addMixIn(ObjectMeta.class, WithoutManagedFields.class)
            .addMixIn(Pod.class, WithoutSpec.class)
            .addMixIn(DeploymentSpec.class, WithoutTemplate.class)
            .addMixIn(StatefulSetSpec.class, WithoutTemplates.class)
            .addMixIn(CronJobSpec.class, WithoutJobTemplate.class), true);

    /** One lean client for each client of the operator's (one in a process; a test may make more). */
    private static final Map<KubernetesClient, KubernetesClient> LEAN = Collections.synchronizedMap(new WeakHashMap<>());

    private LeanReading() {
    }

    /** The event sources' context, with the lean client in place of the operator's. */
    public static EventSourceContext<PanStack> forInformers(EventSourceContext<PanStack> context) {
        return new EventSourceContext<>(context.getPrimaryCache(), context.getControllerConfiguration(),
                lean(context.getClient()), context.getPrimaryResourceClass());
    }

    /**
     * A client on the same HTTP client and configuration, reading leanly; a client that is not fabric8's own
     * implementation is used as it is.
     */
    static KubernetesClient lean(KubernetesClient client) {
        if (!(client instanceof BaseClient base)) {
            return client;
        }
        Executor executor = base.getExecutor(); // not base::getExecutor: the lean client would hold its key
        return LEAN.computeIfAbsent(client, own -> new KubernetesClientImpl(base.getHttpClient(),
                base.getConfiguration(), () -> executor, SERIALIZATION));
    }
}
