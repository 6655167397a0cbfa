package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Inject
    KubernetesClient testClient;

    /** Not @TempDir: JUnit's injection does not reach a @QuarkusTest instance. */
    Path temp;

    @Test
    void sigtermEndsTheProcessAndHandsTheLeaseOver() throws Exception {
        assertThat(JAR).as("packaged before the slow tiers run (./mvnw verify)").exists();
        temp = Files.createTempDirectory("panstack-shutdown");
        KubernetesClient tests = new KubernetesClientBuilder().withConfig(new ConfigBuilder(testClient.getConfiguration())
                .withUserAgent(RbacEnforcingDispatcher.TEST_AGENT).build()).build();
        String namespace = testClient.getNamespace();
        String identity = "panstack-" + UUID.randomUUID().toString().substring(0, 8);
        long starting = System.nanoTime();
        Process operator = start(kubeconfig(testClient.getConfiguration().getMasterUrl(), namespace), identity);
        try {
            var lease = tests.leases().inNamespace(namespace).withName(OperatorLeaderElection.LEASE);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                Lease held = lease.get();
                return held != null && identity.equals(held.getSpec().getHolderIdentity());
            });
            System.out.printf("shutdown: process start to Lease held %.1f s%n", (System.nanoTime() - starting) / 1e9);

            long stopping = System.nanoTime();
            operator.destroy(); // SIGTERM
            boolean ended = operator.waitFor(20, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - stopping) / 1e9;

            assertThat(ended).as("the process ends on SIGTERM by itself (log: " + log() + ")").isTrue();
            System.out.printf("shutdown: SIGTERM to exit in %.2f s%n", seconds);
            Lease after = lease.get();
            assertThat(after.getSpec().getHolderIdentity()).as("given up for the next leader").isNullOrEmpty();
            assertThat(after.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        } finally {
            operator.destroyForcibly();
        }
    }

    Process start(Path kubeconfig, String identity) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("AWS_")
                || name.startsWith("QUARKUS_") || name.startsWith("PANSTACK_"));
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOSTNAME", identity);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("PANSTACK_LEADER_ELECTION_LEASE_DURATION", "4s");
        env.put("PANSTACK_LEADER_ELECTION_RENEW_DEADLINE", "3s");
        env.put("PANSTACK_LEADER_ELECTION_RETRY_PERIOD", "500ms");
        builder.redirectErrorStream(true).redirectOutput(temp.resolve("operator.log").toFile());
        return builder.start();
    }

    Path kubeconfig(String server, String namespace) throws IOException {
        return Files.writeString(temp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: operator, user: {token: deploy-rbac}}]
                contexts: [{name: mock, context: {cluster: mock, user: operator, namespace: %s}}]
                current-context: mock
                """.formatted(server, namespace));
    }

    String log() throws IOException {
        Path log = temp.resolve("operator.log");
        if (!Files.exists(log)) {
            return "none";
        }
        String text = Files.readString(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
