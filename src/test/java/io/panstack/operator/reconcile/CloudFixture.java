package io.panstack.operator.reconcile;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.aws.AwsClients;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.aws.AwsSettings;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.database.MasterCredentials;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.FakeFileSystemBackups;
import io.panstack.operator.testsupport.MotoNetwork;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.TestStacks;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS for the cloud tests: the operator's own client wiring (retry strategy, metrics) aimed at moto through the
 * standard aws.endpointUrl setting, plus raw SDK clients for the tests to look at what the emulator holds.
 */
public final class CloudFixture {
    private static final AtomicInteger NEXT = new AtomicInteger();

    final MotoServer moto;
    final MotoNetwork network;
    final RdsClient rds;
    final EfsClient efs;
    final S3Client s3;
    final FakeFileSystemBackups backups = new FakeFileSystemBackups();
    final String region;

    CloudFixture(MotoServer moto) {
        this(moto, MotoServer.REGION);
    }

    /** In a region of its own: moto's DescribeDBParameters mixes up parameter groups within a region. */
    CloudFixture(MotoServer moto, String region) {
        this.moto = moto;
        this.region = region;
        System.setProperty("aws.endpointUrl", moto.endpoint().toString());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        this.network = MotoNetwork.create(moto, region);
        this.rds = moto.client(RdsClient.builder(), region);
        this.efs = moto.client(EfsClient.builder(), region);
        this.s3 = moto.client(S3Client.builder().forcePathStyle(true), region);
    }

    /** The operator's clients, over the given HTTP client (e.g. one that injects faults). */
    AwsServices services(SdkHttpClient http) {
        return services(http, new SimpleMeterRegistry());
    }

    /** The operator's clients, counting their calls into the given registry. */
    AwsServices services(SdkHttpClient http, io.micrometer.core.instrument.MeterRegistry registry) {
        AwsServices real = new AwsClients(new AwsSettings(AwsSettings.DEFAULT_MAX_ATTEMPTS, true), http, registry)
                .forRegion(region);
        // moto has no EFS backup policy calls: that one interface is a fake.
        return new AwsServices(real.region(), real.rds(), real.efs(), backups, real.s3());
    }

    AwsServices services() {
        return services(UrlConnectionHttpClient.create());
    }

    /**
     * The operator's clients with nothing faked: EFS's backup policy and AWS Backup answer as moto 5.1.1 does
     * (DescribeBackupPolicy PolicyNotFound, PutBackupPolicy HTTP 500, ListRecoveryPointsByResource HTTP 404).
     */
    AwsServices servicesAsMotoAnswers(SdkHttpClient http) {
        return new AwsClients(new AwsSettings(AwsSettings.DEFAULT_MAX_ATTEMPTS, true), http, new SimpleMeterRegistry())
                .forRegion(region);
    }

    /** A stack using RDS, EFS and a bucket, in a namespace of its own (so names never meet across tests). */
    Stack awsStack() {
        return stack("aws-" + NEXT.incrementAndGet(), UUID.randomUUID().toString(), "Retain");
    }

    Stack stack(String namespace, String uid, String deletionPolicy) {
        return stack(namespace, "bi", uid, deletionPolicy);
    }

    Stack stack(String namespace, String name, String uid, String deletionPolicy) {
        String subnets = String.join(", ", network.subnetIds());
        PanStack resource = TestStacks.resource(name, """
                version: '2025_10.1'
                deletionPolicy: %s
                database:
                  rds:
                    engineVersion: '10.11.6'
                    subnetIds: [%s]
                    securityGroupIds: [%s]
                files:
                  efs:
                    subnetIds: [%s]
                    securityGroupIds: [%s]
                bucket: {}
                backup: {retentionDays: 10}
                aws:
                  region: %s
                  tags: {team: analytics}
                """.formatted(deletionPolicy, subnets, network.securityGroupId(), subnets,
                network.securityGroupId(), region));
        resource.getMetadata().setNamespace(namespace);
        resource.getMetadata().setUid(uid);
        return Stack.of(resource);
    }

    /** Runs passes as the operator would, until everything is ready; fails after a bound. */
    static CloudState untilReady(Stack stack, AwsServices aws, MasterCredentials credentials) {
        CloudState state = null;
        for (int pass = 1; pass <= 10; pass++) {
            state = CloudResources.reconcile(stack, aws, credentials);
            if (state.ready() && !state.settling()) {
                return state;
            }
        }
        throw new AssertionError("not ready after 10 passes: " + state);
    }

    /** The RDS master login, kept in memory instead of a Secret; counts how often a password was generated. */
    public static final class TestCredentials implements MasterCredentials {
        String password;
        int generated;

        @Override
        public boolean exist() {
            return password != null;
        }

        @Override
        public String passwordForNewInstance(String username) {
            if (password == null) {
                password = "Pw" + UUID.randomUUID().toString().replace("-", "");
                generated++;
            }
            return password;
        }
    }

    static Map<String, String> tags(List<software.amazon.awssdk.services.rds.model.Tag> tags) {
        return tags.stream().collect(java.util.stream.Collectors.toMap(
                software.amazon.awssdk.services.rds.model.Tag::key, software.amazon.awssdk.services.rds.model.Tag::value));
    }
}
