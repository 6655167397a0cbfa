package io.panstack.operator.e2e;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.testsupport.MotoNetwork;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * samples/aws.yaml end to end against an AWS emulator (PANSTACK_E2E_AWS_ENDPOINT, e.g. moto's server): its subnets and
 * security group replaced by the emulator's, through a kill -9 and a restart of the operator, then deleted with the
 * sample's deletionPolicy (Snapshot: a final RDS snapshot, the instance deleted, the file system and bucket kept).
 */
@EnabledIfEnvironmentVariable(named = "PANSTACK_E2E_AWS_ENDPOINT", matches = ".+")
class AwsSampleE2E extends E2eTest {
    static final String REGION = "eu-west-1";
    static final String ENDPOINT = System.getenv("PANSTACK_E2E_AWS_ENDPOINT");



    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(ENDPOINT)).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Test
    void theAwsSampleComesUpSurvivesAKillAndIsReleasedPerItsDeletionPolicy() throws IOException {
        cluster = E2eCluster.get();
        cluster.operatorEnvironment(E2eCluster.environment("AWS_ENDPOINT_URL", ENDPOINT, "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "PANSTACK_AWS_S3_PATH_STYLE", "true"));
        cluster.stopOperator();
        cluster.startOperator();
        namespace = cluster.newNamespace("panstack-e2e-aws");
        Stacks stacks = new Stacks(cluster.admin, namespace);
        MotoNetwork network;
        try (Ec2Client ec2 = client(Ec2Client.builder())) {
            network = MotoNetwork.create(ec2);
        }
        String subnets = "[" + String.join(", ", network.subnetIds()) + "]";
        String sample = Files.readString(Path.of("samples", "aws.yaml"))
                .replace("[subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]", subnets)
                .replace("[sg-0a1b2c3d4e5f60003]", "[" + network.securityGroupId() + "]");
        stacks.apply(sample);
        PanStack ready = stacks.awaitReady("bi");
        String uid = ready.getMetadata().getUid();

        try (RdsClient rds = client(RdsClient.builder()); EfsClient efs = client(EfsClient.builder());
                S3Client s3 = client(S3Client.builder().forcePathStyle(true))) {
            assertExactlyOneOfEach(rds, efs, s3, uid, ready);

            cluster.killOperator();
            stacks.edit("bi", s -> s.getSpec().getRenderer().setReplicas(2)); // a change while no operator runs
            cluster.startOperator();
            PanStack again = stacks.awaitReady("bi");
            assertThat(again.getStatus().getDatabase().getInstanceId()).isEqualTo(ready.getStatus().getDatabase().getInstanceId());
            assertExactlyOneOfEach(rds, efs, s3, uid, again);

            String instance = again.getStatus().getDatabase().getInstanceId();
            stacks.stack("bi").delete();
            await().atMost(E2eCluster.TIMEOUT).until(() -> stacks.get("bi") == null);
            assertThat(rds.describeDBSnapshotsPaginator(r -> r.dbInstanceIdentifier(instance)).dbSnapshots())
                    .as("the final snapshot").anySatisfy(s -> assertThat(s.dbSnapshotIdentifier()).startsWith(instance + "-final-"));
            assertThat(rds.describeDBInstancesPaginator().dbInstances().stream()
                    .filter(db -> db.dbInstanceIdentifier().equals(instance) && !"deleting".equals(db.dbInstanceStatus())))
                    .as("the instance is deleted").isEmpty();
            assertThat(efs.describeFileSystems(r -> r.fileSystemId(again.getStatus().getFiles().getFileSystemId()))
                    .fileSystems()).as("the file system is kept").hasSize(1);
            assertThat(s3.listBuckets().buckets()).as("the bucket is kept")
                    .anySatisfy(b -> assertThat(b.name()).isEqualTo(again.getStatus().getBucket().getName()));
        }
    }

    static void assertExactlyOneOfEach(RdsClient rds, EfsClient efs, S3Client s3, String uid, PanStack stack) {
        List<DBInstance> instances = rds.describeDBInstancesPaginator().dbInstances().stream()
                .filter(db -> db.tagList().stream().anyMatch(t -> t.key().equals(AwsTags.UID) && t.value().equals(uid)))
                .toList();
        assertThat(instances).as("RDS instances of the stack").hasSize(1);
        assertThat(efs.describeFileSystemsPaginator().fileSystems().stream()
                .filter(fs -> fs.tags().stream().anyMatch(t -> t.key().equals(AwsTags.UID) && t.value().equals(uid))))
                .as("file systems of the stack").hasSize(1);
        assertThat(s3.listBuckets().buckets().stream().filter(b -> b.name().equals(stack.getStatus().getBucket().getName())))
                .as("the bucket").hasSize(1);
    }
}
