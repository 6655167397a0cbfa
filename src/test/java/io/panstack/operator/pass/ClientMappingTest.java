package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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

    @Inject
    ReadersAhead readersAhead;

    @Test
    void theClientsMappingReadsListItemsOnDemand() {
        assertThat(clientMapper.getRegisteredModuleIds()).contains("panstack-items-on-demand");
        assertThat(client.getKubernetesSerialization()).as("the operator's client reads with Quarkus's mapping")
                .isSameAs(clientSerialization);
    }

    /** Once the operator has started, the readers the first stack needs are made on a thread of their own. */
    @Test
    void theReadersOfEveryKindReadAreMadeAheadOnceStarted() throws Exception {
        int made = readersAhead.made().get(60, TimeUnit.SECONDS);
        assertThat(LeanReading.kinds()).contains(Deployment.class, StatefulSet.class, Pod.class);
        assertThat(made).as("kinds: the lean ones in both mappings but Pods in the client's, the operator's own")
                .isEqualTo(2 * LeanReading.kinds().size() - 1 + 3);
    }
}
