package io.panstack.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The harness itself, as Quarkus drives it: its own server, the SDK's system properties, and cleanup. */
@Tag(Tiers.MOTO)
class MotoServerTest {

    @Test
    void asAQuarkusTestResourceItPointsTheOperatorsClientsAtItselfAndCleansUp() {
        String endpointBefore = System.getProperty("aws.endpointUrl");
        String regionBefore = System.getProperty("aws.region");
        MotoServer moto = new MotoServer();

        Map<String, String> config = moto.start();
        try {
            assertThat(config).containsEntry("panstack.aws.s3.path-style", "true");
            assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(moto.endpoint().toString());
            assertThat(System.getProperty("aws.region")).isEqualTo(MotoServer.REGION);

            // What the operator does with it: environment region, default credentials, standard endpoint setting.
            AwsClients clients = new AwsClients(new AwsSettings(2, true), UrlConnectionHttpClient.create(),
                    new SimpleMeterRegistry());
            try {
                AwsServices aws = clients.forRegion(null);
                aws.s3().create("panstack-quarkus-resource", aws.region());
                assertThat(aws.s3().find("panstack-quarkus-resource")).map(b -> b.region()).contains("eu-west-1");
            } finally {
                clients.close();
            }
        } finally {
            moto.stop();
        }

        assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(endpointBefore);
        assertThat(System.getProperty("aws.region")).isEqualTo(regionBefore);
    }

    @Test
    void missingRootSaysHowToInstallMoto() {
        MotoServer moto = new MotoServer(Path.of("/nonexistent/moto-root"));

        assertThatThrownBy(moto::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/moto-root")
                .hasMessageContaining(".ci/install-moto");
    }
}
