package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.MotoNetwork;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.QuarkusMoto;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.common.QuarkusTestResource;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * Every sample, applied as it is (plus only the Secrets its header comment tells the user to create), becomes a
 * Ready stack. samples/minimal.yaml needs nothing else at all.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(MotoServer.class)
@Tag(Tiers.RECONCILER)
class SamplesReconcileTest {
    /** What each sample's header asks the user to create first. */
    static final Map<String, List<String>> PREREQUISITES = Map.of(
            "minimal.yaml", List.of(),
            "aws.yaml", List.of(),
            "external-db.yaml", List.of(),
            "scheduling.yaml", List.of(),
            "network-isolation.yaml", List.of(),
            "autoscaling.yaml", List.of(),
            "hibernation.yaml", List.of(),
            "ingress-tls-ha.yaml", List.of("pi-registry", "pi-licence"));

    @Inject
    KubernetesClient client;

    static Stream<String> samples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            // Samples of a PanStack; samples/backup.yaml is a PanStackBackup of one (BackupRecordReconcilerTest).
            List<String> names = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> java.util.regex.Pattern.compile("(?m)^kind: PanStack$").matcher(read(f)).find())
                    .map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(PREREQUISITES.keySet());
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleBecomesReady(String sample) throws Exception {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(client);
        PREREQUISITES.get(sample).forEach(secret -> cluster.createSecret(secret, Map.of("licence", "key",
                ".dockerconfigjson", "{\"auths\":{}}")));
        List<HasMetadata> documents;
        try (InputStream in = new java.io.ByteArrayInputStream(inEmulator(Files.readString(Path.of("samples", sample)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            documents = client.load(in).items();
        }
        String stack = null;
        for (HasMetadata document : documents) {
            document.getMetadata().setNamespace(cluster.namespace);
            client.resource(document).create();
            if ("PanStack".equals(document.getKind())) {
                stack = document.getMetadata().getName();
            }
        }
        assertThat(stack).as("a PanStack in " + sample).isNotNull();

        if (sample.equals("hibernation.yaml")) {
            // Ready in office hours, else asleep from the start (no dashboard before the database first ran).
            String name = stack;
            org.awaitility.Awaitility.await().atMost(ClusterFixture.TIMEOUT).until(() -> {
                cluster.list(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).stream()
                        .filter(s -> s.getStatus() == null).forEach(cluster::markReady);
                cluster.markAllDeploymentsReady();
                var status = cluster.get(name).getStatus();
                return status != null && (status.getPhase() == io.panstack.operator.api.v1alpha1.Phase.Ready
                        || status.getPhase() == io.panstack.operator.api.v1alpha1.Phase.Hibernating);
            });
            assertThat(cluster.get(stack).getStatus().getHibernation().getState()).isNotNull();
            assertThat(cluster.find(CronJob.class, stack + "-backup")).isPresent();
            return;
        }
        cluster.runControllersUntilReady(stack);

        assertThat(cluster.condition(stack, "Stalled").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(cluster.list(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .contains(stack + "-dashboard", stack + "-renderer", stack + "-scheduler");
        assertThat(cluster.find(CronJob.class, stack + "-backup")).as("every sample is backed up, without asking")
                .isPresent();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The sample's placeholder subnet and security group ids replaced by ones that exist in the AWS emulator. */
    static String inEmulator(String sample) {
        MotoNetwork network = QuarkusMoto.network();
        return sample.replace("subnet-0a1b2c3d4e5f60001", network.subnetIds().get(0))
                .replace("subnet-0a1b2c3d4e5f60002", network.subnetIds().get(1))
                .replace("sg-0a1b2c3d4e5f60003", network.securityGroupId());
    }
}
