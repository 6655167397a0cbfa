package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/** The operator's settings (panstack.*, one @ConfigMapping) reach what it builds: here, the images of its Jobs. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(OperatorSettingsReconcilerTest.Mirrored.class)
@Tag(Tiers.RECONCILER)
class OperatorSettingsReconcilerTest {
    static final String DUMP = "registry.example.com/mirror/mariadb:10.11";

    public static class Mirrored implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panstack.images.dump", DUMP,
                    "panstack.images.aws-cli", "registry.example.com/mirror/aws-cli:2.17.0");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void theBackupOfAnExternalDatabaseDumpsWithTheConfiguredImage() {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(client);
        cluster.createSecret("ext-db", Map.of("username", "u", "password", "p"));
        cluster.create(PanStackReconcilerTest.MINIMAL + """
                  database:
                    external:
                      host: db.example.com
                      credentialsSecretRef:
                        name: ext-db
                  backup: {}
                """);

        CronJob backup = cluster.awaitObject(CronJob.class, "demo-backup");

        assertThat(backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getImage()).contains(DUMP);
    }
}
