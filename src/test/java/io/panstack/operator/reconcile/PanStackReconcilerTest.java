package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.Phase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class PanStackReconcilerTest {
    static final String MINIMAL = """
            apiVersion: panstack.io/v1alpha1
            kind: PanStack
            metadata:
              name: demo
            spec:
              version: "2023_11"
              registry: docker.io/panintelligence
            """;

    @Inject
    KubernetesClient client;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = new ClusterFixture(client, "t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void minimalStackComesUpInOrderAndReportsReady() {
        cluster.create(MINIMAL);

        StatefulSet mariadb = cluster.awaitObject(StatefulSet.class, "demo-mariadb");
        cluster.awaitObject(Secret.class, "demo-db-credentials");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-files");
        cluster.awaitObject(Deployment.class, "demo-renderer");
        cluster.awaitObject(Deployment.class, "demo-analytics");
        cluster.awaitCondition("demo", "DatabaseReady", "False");
        assertThat(cluster.find(Deployment.class, "demo-dashboard")).as("dashboard waits for the database").isEmpty();
        assertThat(cluster.find(Deployment.class, "demo-scheduler")).as("scheduler waits for the database").isEmpty();

        cluster.markReady(mariadb);
        cluster.awaitObject(Deployment.class, "demo-dashboard");
        cluster.awaitObject(Deployment.class, "demo-scheduler");
        cluster.markAllDeploymentsReady();

        cluster.awaitCondition("demo", "Ready", "True");
        PanStack stack = cluster.get("demo");
        assertThat(stack.getStatus().getPhase()).isEqualTo(Phase.Ready);
        assertThat(stack.getStatus().getObservedGeneration()).isEqualTo(stack.getMetadata().getGeneration());
        assertThat(cluster.list(Service.class)).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder(
                "demo-mariadb", "demo-dashboard", "demo-renderer", "demo-scheduler", "demo-analytics");
        assertThat(cluster.list(Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "demo-dashboard", "demo-renderer", "demo-scheduler", "demo-analytics");
        List<String> conditions = stack.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).toList();
        assertThat(conditions).containsExactly("Ready=True", "Reconciling=False", "Stalled=False", "DatabaseReady=True",
                "WorkloadsReady=True");
    }
}
