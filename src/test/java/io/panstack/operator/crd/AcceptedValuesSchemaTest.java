package io.panstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.testsupport.Tiers;

/**
 * The controls of the schedule and externalUrl cases in manifests/bad: what Kubernetes takes in a CronJob or an
 * Ingress stays accepted, so a rule cannot pass those cases by refusing too much.
 */
@Tag(Tiers.APISERVER)
class AcceptedValuesSchemaTest {
    private static final ApiServerSchema API = ApiServerSchema.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode stack() {
        ObjectNode stack = JSON.createObjectNode().put("apiVersion", "panstack.io/v1alpha1").put("kind", "PanStack");
        stack.putObject("metadata").put("name", "demo");
        stack.putObject("spec").put("version", "2023_11");
        return stack;
    }

    @ParameterizedTest
    @ValueSource(strings = { "0 2 * * *", "*/15 * * * 1-5", "0 4 * * 0", "0 4 * * SUN", "30 1 1,15 * *",
            "0 0 */7 * *", "0 3 * * */7", "5 4 * * 6", "@daily", "@weekly", " 0 2 * * * " })
    void schedulesKubernetesReadsAreAccepted(String schedule) {
        ObjectNode stack = stack();
        ObjectNode backup = ((ObjectNode) stack.get("spec")).putObject("backup").put("schedule", schedule);
        backup.putObject("verify").put("schedule", schedule);

        assertThat(API.validate(stack)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://bi.example.com", "http://localhost:8080", "https://bi-1.eu-west-1.example.co.uk/",
            "http://10.0.0.1:8080", "https://a.b9", "http://192.168.255.255" })
    void urlsWithAHostAreAccepted(String url) {
        ObjectNode stack = stack();
        ((ObjectNode) stack.get("spec")).put("externalUrl", url);

        assertThat(API.validate(stack)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://bi.example.com", "http://localhost:8080" })
    void anIngressForAHostNameIsAccepted(String url) {
        ObjectNode stack = stack();
        ObjectNode spec = (ObjectNode) stack.get("spec");
        spec.put("externalUrl", url);
        spec.putObject("ingress").put("enabled", true);

        assertThat(API.validate(stack)).isEmpty();
    }
}
