package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The operator's own client (the PanStack informer's) takes ItemsOnDemand through Quarkus, not only in unit tests. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class ClientMappingTest {

    @Inject
    @KubernetesClientObjectMapper
    ObjectMapper clientMapper;

    @Inject
    KubernetesSerialization clientSerialization;

    @Inject
    KubernetesClient client;

    @Test
    void theClientsMappingReadsListItemsOnDemand() {
        assertThat(clientMapper.getRegisteredModuleIds()).contains("panstack-items-on-demand");
        assertThat(client.getKubernetesSerialization()).as("the operator's client reads with Quarkus's mapping")
                .isSameAs(clientSerialization);
    }
}
