package io.panstack.operator.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator's one KubernetesClient (JOSDK and the reconciler share it): Quarkus's own, built from the same Config
 * and serialization, plus {@link KubeApiRequests} on every request. It replaces the extension's default bean.
 */
public class CountedKubernetesClient {

    @Produces
    @Singleton
    KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config, MeterRegistry registry) {
        KubeApiRequests counter = new KubeApiRequests(registry);
        return new KubernetesClientBuilder().withKubernetesSerialization(serialization).withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("panstack-api-requests", counter))
                .build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
