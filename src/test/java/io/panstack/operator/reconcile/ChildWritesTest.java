package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.panstack.operator.testsupport.ApplyingMockServer;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.OperatorProcess;
import io.panstack.operator.testsupport.RequestLog;
import io.panstack.operator.testsupport.Tiers;

/**
 * The packaged operator, with server-side apply as in production, writes each child once and then only when its
 * desired state changes: not on a child's status change, not after a restart. The mock server here records lists as
 * owned whole, so JOSDK's full comparison of the StatefulSet and of the Deployments with Secret-fed environment sees
 * a difference that is not one (as something made every such child be rewritten on a real cluster); before the
 * desired-state stamp, each of them was written again on every event and after every restart. A change someone else
 * makes to a child is still put back.
 */
@Tag(Tiers.RECONCILER)
class ChildWritesTest {
    static final String[] CHILDREN = { "deployments", "statefulsets", "services", "cronjobs", "serviceaccounts",
            "persistentvolumeclaims", "secrets", "networkpolicies" };
    static final String RECONCILED = "operator_sdk_reconciliations_success_total";

    @Test
    void aChildIsWrittenWhenItsDesiredStateChangesOnly() throws Exception {
        Path temp = Files.createTempDirectory("panstack-writes");
        try (ApplyingMockServer server = new ApplyingMockServer(false)) {
            Path kubeconfig = server.kubeconfig(temp);
            ClusterFixture cluster = ClusterFixture.inFreshNamespace(server.driver());
            OperatorProcess operator = OperatorProcess.start(kubeconfig, temp, List.of(), Map.of());
            try {
                operator.awaitReady(Duration.ofMinutes(1));
                cluster.create(PanStackReconcilerTest.MINIMAL);
                cluster.bringUp("demo");
                Thread.sleep(2000);
                RequestLog converging = server.drain();
                assertThat(converging.writes("deployments", "statefulsets", "networkpolicies")).as("each written once")
                        .containsEntry("patch statefulsets", 1).containsEntry("patch deployments", 4)
                        .containsEntry("patch networkpolicies", 5);
                assertThat(RequestLog.fromMetrics(operator.metrics()).writes(CHILDREN))
                        .as("the operator's own count (panstack_kube_requests_total), all a real cluster offers")
                        .isEqualTo(converging.writes(CHILDREN)).isNotEmpty();

                Deployment dashboard = cluster.find(Deployment.class, "demo-dashboard").orElseThrow();
                cluster.markNotReady(dashboard);
                cluster.awaitCondition("demo", "Ready", "False");
                cluster.markReady(dashboard);
                cluster.awaitCondition("demo", "Ready", "True");
                Thread.sleep(2000);
                assertThat(server.drain().writes(CHILDREN)).as("a child's status change writes no child").isEmpty();

                assertThat(operator.stop(Duration.ofSeconds(20))).isTrue();
                operator.close();
                server.drain();
                operator = OperatorProcess.start(kubeconfig, temp, List.of(), Map.of());
                OperatorProcess restarted = operator;
                operator.awaitReady(Duration.ofMinutes(1));
                await().atMost(Duration.ofMinutes(1)).until(() -> restarted.metricSum(RECONCILED) >= 1);
                Thread.sleep(3000);
                RequestLog restart = server.drain();
                assertThat(restart.writes(CHILDREN)).as("a restart on a converged stack writes no child").isEmpty();
                assertThat(restart.unpagedLists()).as("every informer lists in pages (LeanInformers)").isEmpty();
                assertThat(restart.total()).as("the restart's requests were seen (its lists among them)").isPositive();

                // An HPA (or kubectl scale) scaling a component whose replicas the spec leaves unset.
                server.driver().resource(cluster.find(Deployment.class, "demo-analytics").orElseThrow()).edit(d -> {
                    d.getSpec().setReplicas(3);
                    return d;
                });
                await().atMost(ClusterFixture.TIMEOUT).until(() -> restarted.metricSum(RECONCILED) >= 2);
                Thread.sleep(2000);
                assertThat(server.drain().writes(CHILDREN)).as("an HPA's scaling: its Deployment applied once more, no other")
                        .isEqualTo(Map.of("patch deployments", 1));
                assertThat(cluster.find(Deployment.class, "demo-analytics").orElseThrow().getSpec().getReplicas())
                        .isEqualTo(3);

                server.driver().resource(cluster.find(Deployment.class, "demo-renderer").orElseThrow())
                        .edit(d -> {
                            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.com/other:1");
                            return d;
                        });
                await().atMost(ClusterFixture.TIMEOUT).until(() -> !cluster.image("demo-renderer")
                        .equals("example.com/other:1"));
            } finally {
                operator.stop(Duration.ofSeconds(10));
                operator.close();
            }
        }
    }
}
