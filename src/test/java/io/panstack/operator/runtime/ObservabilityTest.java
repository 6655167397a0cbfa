package io.panstack.operator.runtime;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** What Prometheus and the kubelet's probes (deploy/base/deployment.yaml) read from the operator. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class ObservabilityTest {

    @Inject
    KubernetesClient client;

    @Test
    void healthEndpointsThatTheProbesUseAnswerUp() {
        for (String path : new String[] { "/q/health/started", "/q/health/ready", "/q/health/live" }) {
            given().when().get(path).then().statusCode(200).body(containsString("\"status\": \"UP\""));
        }
    }

    @Test
    void prometheusScrapesReconcileMetricsOnceAStackIsReconciled() {
        PanStack stack = Serialization.unmarshal("""
                apiVersion: panstack.io/v1alpha1
                kind: PanStack
                metadata: {name: metrics, namespace: observability}
                spec: {version: "2023_11"}
                """, PanStack.class);
        client.resource(stack).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PanStack current = client.resource(stack).get();
            return current.getStatus() != null && current.getStatus().getObservedGeneration() != null;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("operator_sdk_reconciliations_started_total"))
                .body(containsString("operator_sdk_reconciliations_success_total"))
                .body(containsString("operator_sdk_reconciliations_executions_panstack"))
                .body(containsString("kind=\"PanStack\"")));
    }
}
