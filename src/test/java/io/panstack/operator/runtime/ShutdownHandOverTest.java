package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.panstack.operator.testsupport.OperatorProcess;
import io.panstack.operator.testsupport.RbacEnforcingDispatcher;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * The operator as the container runs it (target/quarkus-app, prod profile, leader election on), stopped the way
 * Kubernetes stops a pod: SIGTERM must end the process on its own, and the Lease must be given up on the way out so
 * a standby leads at once. Before, JOSDK called System.exit from inside the shutdown hook: the process never ended
 * and kept the Lease until it expired. The mock API server holds the process to deploy/'s RBAC.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaderElectionTest.DeployedRbacOnly.class)
@Tag(Tiers.RECONCILER)
class ShutdownHandOverTest {
    @Inject
    KubernetesClient testClient;

    @Test
    void sigtermEndsTheProcessAndHandsTheLeaseOver() throws Exception {
        assertThat(OperatorProcess.JAR).as("packaged before the slow tiers run (./mvnw verify)").exists();
        // Not @TempDir: JUnit's injection does not reach a @QuarkusTest instance.
        Path temp = Files.createTempDirectory("panstack-shutdown");
        KubernetesClient tests = new KubernetesClientBuilder().withConfig(new ConfigBuilder(testClient.getConfiguration())
                .withUserAgent(RbacEnforcingDispatcher.TEST_AGENT).build()).build();
        String namespace = testClient.getNamespace();
        String identity = "panstack-" + UUID.randomUUID().toString().substring(0, 8);
        long starting = System.nanoTime();
        try (OperatorProcess operator = OperatorProcess.start(
                OperatorProcess.kubeconfig(temp, testClient.getConfiguration().getMasterUrl(), namespace), temp, List.of(),
                Map.of("HOSTNAME", identity, "PANSTACK_LEADER_ELECTION_LEASE_DURATION", "4s",
                        "PANSTACK_LEADER_ELECTION_RENEW_DEADLINE", "3s", "PANSTACK_LEADER_ELECTION_RETRY_PERIOD", "500ms"))) {
            var lease = tests.leases().inNamespace(namespace).withName(OperatorLeaderElection.LEASE);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                Lease held = lease.get();
                return held != null && identity.equals(held.getSpec().getHolderIdentity());
            });
            System.out.printf("shutdown: process start to Lease held %.1f s%n", (System.nanoTime() - starting) / 1e9);
            await().atMost(Duration.ofSeconds(10)).until(() -> operator.metricSum("panstack_operator_leader") == 1.0);

            long stopping = System.nanoTime();
            boolean ended = operator.stop(Duration.ofSeconds(20)); // SIGTERM
            double seconds = (System.nanoTime() - stopping) / 1e9;

            assertThat(ended).as("the process ends on SIGTERM by itself (log: " + operator.logTail() + ")").isTrue();
            System.out.printf("shutdown: SIGTERM to exit in %.2f s%n", seconds);
            Lease after = lease.get();
            assertThat(after.getSpec().getHolderIdentity()).as("given up for the next leader").isNullOrEmpty();
            assertThat(after.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        }
    }
}
