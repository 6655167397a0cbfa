package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * An API call that fails once (a 504 from an overloaded API server) is retried with back-off by the operator itself:
 * the stack is never left for the periodic resync (10 minutes) to pick up. Each test fails one kind of write once.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class ApiFailureRetryTest {
    static final String TIMEOUT = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Timeout\","
            + "\"message\":\"the server was unable to return a response in the time allotted\",\"code\":504}";

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    /** The last write of a change: nothing else would wake the operator before the resync. */
    @Test
    void aStatusPatchThatTimesOutIsRetried() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");
        server.expect().patch().withPath("/apis/panstack.io/v1alpha1/namespaces/" + cluster.namespace
                + "/panstacks/demo/status").andReturn(504, TIMEOUT).once();

        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2));

        org.awaitility.Awaitility.await().atMost(ClusterFixture.TIMEOUT)
                .until(() -> Long.valueOf(2).equals(cluster.get("demo").getStatus().getObservedGeneration()));
    }

    @Test
    void aChildCreateThatTimesOutIsRetried() {
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + cluster.namespace + "/deployments")
                .andReturn(504, TIMEOUT).once();

        cluster.create(PanStackReconcilerTest.MINIMAL);

        cluster.runControllersUntilReady("demo");
        assertThat(cluster.find(Deployment.class, "demo-dashboard")).isPresent();
    }

    /**
     * The check that the licence Secret exists only observes (the pods name the Secret themselves): an API server
     * that cannot answer it, for as long as it lasts, holds no change and stalls nothing.
     */
    @Test
    void aSecretCheckTheApiServerCannotAnswerHoldsNothing() {
        cluster.createSecret("pi-licence", java.util.Map.of("licence", "ALM-KEY"));
        cluster.create(PanStackReconcilerTest.MINIMAL + "  licence: {secretKeyRef: {name: pi-licence, key: licence}}\n");
        cluster.bringUp("demo");
        server.expect().get().withPath("/api/v1/namespaces/" + cluster.namespace + "/secrets/pi-licence")
                .andReturn(503, TIMEOUT.replace("504", "503")).always();

        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2));

        org.awaitility.Awaitility.await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(Deployment.class,
                "demo-renderer").map(d -> Integer.valueOf(2).equals(d.getSpec().getReplicas())).orElse(false));
        org.awaitility.Awaitility.await().atMost(ClusterFixture.TIMEOUT)
                .until(() -> Long.valueOf(2).equals(cluster.get("demo").getStatus().getObservedGeneration()));
        assertThat(cluster.get("demo").getStatus().getConditions()).noneSatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Stalled");
            assertThat(c.getStatus()).isEqualTo("True");
        }).noneSatisfy(c -> assertThat(c.getReason()).isEqualTo("ReconcileError"));
    }

    /** A change to a child, the last write of its change, times out once: the change still lands. */
    @Test
    void aChildUpdateThatTimesOutIsRetried() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");
        String renderer = "/apis/apps/v1/namespaces/" + cluster.namespace + "/deployments/demo-renderer";
        server.expect().put().withPath(renderer).andReturn(504, TIMEOUT).once();
        server.expect().patch().withPath(renderer).andReturn(504, TIMEOUT).once();

        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2));

        org.awaitility.Awaitility.await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(Deployment.class,
                "demo-renderer").map(d -> Integer.valueOf(2).equals(d.getSpec().getReplicas())).orElse(false));
    }
}
