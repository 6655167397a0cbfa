package io.panstack.operator.testsupport;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The moto a Quarkus test runs against (started by {@link MotoServer} as a test resource, which publishes it in the
 * aws.endpointUrl system property): raw clients for tests to look into it, and one network in it.
 */
public final class QuarkusMoto {
    private static MotoNetwork network;

    private QuarkusMoto() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(System.getProperty("aws.endpointUrl")))
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** A VPC with two subnets and a security group, made once per test run. */
    public static synchronized MotoNetwork network() {
        if (network == null) {
            try (Ec2Client ec2 = client(Ec2Client.builder())) {
                network = MotoNetwork.create(ec2);
            }
        }
        return network;
    }
}
