package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * The operator's client mapping (ClientMapping) reads the PanStack informer's list pages as fabric8 asks for them, a
 * DefaultKubernetesResourceList of PanStacks, without making a PanStack's reader for an empty page.
 */
@Tag(Tiers.UNIT)
class ItemsOnDemandTest {

    private static KubernetesSerialization clientMapping(ObjectMapper mapper) {
        new ClientMapping().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }

    /** Read as fabric8's client reads a custom resource's list: a list of its kind, by a parametric type. */
    private static DefaultKubernetesResourceList<PanStack> pageOfStacks(KubernetesSerialization client, String json) {
        return client.unmarshal(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new TypeReference<DefaultKubernetesResourceList<PanStack>>() {
                });
    }

    @Test
    void anEmptyPageOfStacksMakesNoReaderOfAStack() {
        LeanReadingTest.ReadersMade readers = new LeanReadingTest.ReadersMade();
        KubernetesSerialization client = clientMapping(new ObjectMapper().setCacheProvider(readers));

        DefaultKubernetesResourceList<PanStack> empty = pageOfStacks(client, "{\"apiVersion\":\"panstack.io/v1alpha1\","
                + "\"kind\":\"PanStackList\",\"metadata\":{\"resourceVersion\":\"3\"},\"items\":[]}");
        assertThat(empty.getItems()).isEmpty();
        assertThat(empty.getMetadata().getResourceVersion()).isEqualTo("3");
        assertThat(readers.made()).doesNotContain(PanStack.class, PanStackSpec.class);

        PanStack stack = TestStacks.resource("bi", "version: '2025_10.1'\ndashboard:\n  replicas: 2");
        DefaultKubernetesResourceList<PanStack> page = pageOfStacks(client, "{\"apiVersion\":\"panstack.io/v1alpha1\","
                + "\"kind\":\"PanStackList\",\"metadata\":{},\"items\":[" + client.asJson(stack) + "]}");
        assertThat(page.getItems()).singleElement().isInstanceOf(PanStack.class)
                .satisfies(read -> assertThat(client.asJson(read)).isEqualTo(client.asJson(stack)));
        assertThat(readers.made()).contains(PanStack.class, PanStackSpec.class);
    }

    /** Null items, and a failing item named by its place, as Jackson's own list reader reads them. */
    @Test
    void itemsReadAsJacksonsOwnListReaderReadsThem() {
        KubernetesSerialization client = clientMapping(new ObjectMapper());
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("dashboard").endMetadata().build();
        String page = "{\"kind\":\"DeploymentList\",\"items\":[null," + client.asJson(deployment) + "]}";
        assertThat(client.unmarshal(page, DeploymentList.class).getItems()).containsExactly(null, deployment);

        String failing = "{\"kind\":\"DeploymentList\",\"items\":[" + client.asJson(deployment)
                + ",{\"kind\":\"Deployment\",\"spec\":{\"replicas\":\"many\"}}]}";
        assertThatThrownBy(() -> client.unmarshal(failing, DeploymentList.class))
                .hasRootCauseInstanceOf(InvalidFormatException.class)
                .rootCause().hasMessageContaining("java.util.ArrayList[1]");
        assertThatThrownBy(() -> new KubernetesSerialization().unmarshal(failing, DeploymentList.class))
                .as("as without it").rootCause().hasMessageContaining("java.util.ArrayList[1]");
    }

    /** Lists whose items are not of one concrete kind, or say more of their items, are Jackson's to read. */
    @Test
    void onlyListsOfOneKindAreReadOnDemand() {
        TypeFactory types = TypeFactory.defaultInstance();
        assertThat(ItemsOnDemand.listOfOneKind(types.constructType(DeploymentList.class),
                types.constructCollectionType(List.class, Deployment.class))).isTrue();
        assertThat(ItemsOnDemand.listOfOneKind(types.constructType(DefaultKubernetesResourceList.class),
                types.constructCollectionType(List.class, HasMetadata.class))).as("a raw list").isFalse();
        assertThat(ItemsOnDemand.listOfOneKind(types.constructType(GenericKubernetesResourceList.class),
                types.constructCollectionType(List.class, GenericKubernetesResource.class))).isTrue();
    }

    /** A list of any kind (HasMetadata items, read by each item's kind) is read as fabric8 reads it. */
    @Test
    void aListOfManyKindsReadsEachItemByItsKind() {
        KubernetesSerialization client = clientMapping(new ObjectMapper());
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("dashboard").endMetadata().build();
        Service service = new ServiceBuilder().withNewMetadata().withName("dashboard").endMetadata().build();

        KubernetesList list = client.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                + client.asJson(deployment) + "," + client.asJson(service) + "]}", KubernetesList.class);

        assertThat(list.getItems()).extracting(Object::getClass).containsExactly(Deployment.class, Service.class);
        TypeFactory types = TypeFactory.defaultInstance();
        assertThat(ItemsOnDemand.listOfOneKind(types.constructType(KubernetesList.class),
                types.constructCollectionType(List.class, HasMetadata.class))).isFalse();
    }
}
