package io.panstack.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panstack.operator.testsupport.FaultInjectingHttpClient.Fault;
import io.panstack.operator.testsupport.FaultInjectingHttpClient;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How AwsClients builds its clients: region choice, caching, the SDK's standard endpoint setting, retries and the
 * call counter. The SDK is pointed at moto only through the aws.endpointUrl system property, as in production.
 */
@Tag(Tiers.MOTO)
class AwsClientsTest {

    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();

    private static final Map<String, String> SAVED = new HashMap<>();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FaultInjectingHttpClient http = new FaultInjectingHttpClient(UrlConnectionHttpClient.create());
    private final List<AwsClients> opened = new ArrayList<>();

    @BeforeAll
    static void pointTheSdkAtMoto() {
        setProperty("aws.endpointUrl", MOTO.endpoint().toString());
        setProperty("aws.accessKeyId", "test");
        setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void restoreProperties() {
        SAVED.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    static void setProperty(String key, String value) {
        SAVED.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void close() {
        opened.forEach(AwsClients::close);
    }

    /** Clients whose environment says eu-west-1. */
    AwsClients clients(int maxAttempts) {
        AwsClients clients = new AwsClients(new AwsSettings(maxAttempts, true), http, registry,
                () -> Region.EU_WEST_1);
        opened.add(clients);
        return clients;
    }

    double count(String service, String operation, String outcome) {
        Counter counter = registry.find(AwsCallMetrics.METER)
                .tags("service", service, "operation", operation, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void regionInTheSpecWinsOverTheEnvironment() {
        AwsClients clients = clients(4);

        assertThat(clients.forRegion("us-east-2").region()).isEqualTo("us-east-2");
        assertThat(clients.forRegion(null).region()).isEqualTo("eu-west-1");
        assertThat(clients.forRegion("  ").region()).isEqualTo("eu-west-1");
    }

    @Test
    void noRegionAnywhereIsAHumanProblem() {
        AwsClients nothingFound = new AwsClients(AwsSettings.defaults(), http, registry, () -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        });
        AwsClients nullRegion = new AwsClients(AwsSettings.defaults(), http, registry, () -> null);
        opened.add(nothingFound);

        for (AwsClients clients : List.of(nothingFound, nullRegion)) {
            assertThatThrownBy(() -> clients.forRegion(null))
                    .isInstanceOf(AwsRegionUnknownException.class)
                    .hasMessage("No AWS region: set spec.aws.region, or AWS_REGION in the operator's environment");
        }
        assertThat(AwsErrors.classify(new AwsRegionUnknownException(null))).isEqualTo(AwsErrors.Kind.TERMINAL);
        assertThat(nothingFound.forRegion("eu-central-1").region()).isEqualTo("eu-central-1");
    }

    @Test
    void sdkDefaultChainReadsTheAwsRegionSystemProperty() {
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "ap-southeast-2");
        try {
            AwsClients clients = new AwsClients(AwsSettings.defaults(), http, registry);
            opened.add(clients);

            assertThat(clients.forRegion(null).region()).isEqualTo("ap-southeast-2");
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }

    @Test
    void clientsAreBuiltOncePerRegion() {
        AwsClients clients = clients(4);

        AwsServices ireland = clients.forRegion("eu-west-1");
        assertThat(clients.forRegion("eu-west-1")).isSameAs(ireland);
        assertThat(clients.forRegion(null)).isSameAs(ireland);
        AwsServices ohio = clients.forRegion("us-east-2");
        assertThat(ohio).isNotSameAs(ireland);
        assertThat(ohio.rds()).isNotSameAs(ireland.rds());
        assertThat(clients.forRegion("us-east-2")).isSameAs(ohio);
    }

    @Test
    void awsEndpointUrlSystemPropertyRedirectsEveryService() {
        // Not eu-west-1: a parameter group made there could become the one moto's DescribeDBParameters shows for all.
        AwsServices aws = clients(4).forRegion("eu-west-2");
        String bucket = "panstack-endpoint-" + UUID.randomUUID();
        String token = "endpoint-" + UUID.randomUUID();
        String group = "endpoint-" + UUID.randomUUID();

        aws.s3().create(bucket, "eu-west-2");
        String fileSystemId = aws.efs().create(token, Map.of()).id();
        aws.rds().createParameterGroup(group, "mariadb10.11", "endpoint test", Map.of());

        // Seen by moto itself, through clients with an explicit endpoint.
        try (S3Client s3 = MOTO.client(S3Client.builder().forcePathStyle(true), "eu-west-2");
                EfsClient efs = MOTO.client(EfsClient.builder(), "eu-west-2");
                RdsClient rds = MOTO.client(RdsClient.builder(), "eu-west-2")) {
            s3.headBucket(r -> r.bucket(bucket));
            assertThat(efs.describeFileSystems(r -> r.fileSystemId(fileSystemId)).fileSystems()).hasSize(1);
            assertThat(rds.describeDBParameterGroups(r -> r.dbParameterGroupName(group)).dbParameterGroups())
                    .hasSize(1);
        }
        assertThat(http.injected()).isZero();
        assertThat(http.passed()).isEqualTo(3);
    }

    @Test
    void productionConstructorBuildsWorkingClients() {
        AwsClients production = new AwsClients(registry, new AwsSettings(3, true));
        try {
            String bucket = "panstack-production-" + UUID.randomUUID();
            production.forRegion("eu-west-1").s3().create(bucket, "eu-west-1");

            assertThat(production.forRegion("eu-west-1").s3().find(bucket)).isPresent();
            assertThat(count("s3", "CreateBucket", "success")).isEqualTo(1);
        } finally {
            production.close();
        }
    }

    @Test
    void callTimeoutsOfEveryClientShareTwoThreadsWhichCloseStops() throws InterruptedException {
        Set<Long> before = liveThreads(name -> true).stream().map(Thread::getId).collect(Collectors.toSet());
        AwsClients clients = clients(4);

        for (String region : List.of("eu-west-1", "us-east-2")) {
            AwsServices aws = clients.forRegion(region);
            assertThat(aws.rds().findInstance("nobody-" + UUID.randomUUID())).isEmpty();
            assertThat(aws.efs().findByCreationToken("nobody-" + UUID.randomUUID())).isEmpty();
            assertThat(aws.s3().find("panstack-missing-" + UUID.randomUUID())).isEmpty();
        }

        // The SDK's own pools would have started a thread per client (and up to 5 each).
        assertThat(liveThreads(name -> name.startsWith("sdk-ScheduledExecutor")))
                .filteredOn(t -> !before.contains(t.getId())).isEmpty();
        List<Thread> timeouts = liveThreads(AwsClients.TIMEOUT_THREAD::equals).stream()
                .filter(t -> !before.contains(t.getId())).toList();
        assertThat(timeouts).hasSize(2);

        clients.close();
        for (Thread timeout : timeouts) {
            timeout.join(5_000);
            assertThat(timeout.isAlive()).isFalse();
        }
        assertThatThrownBy(() -> clients.forRegion("eu-west-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    static List<Thread> liveThreads(Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && name.test(t.getName()))
                .toList();
    }

    @Test
    void everyCallIsCountedByServiceOperationAndOutcome() {
        AwsServices aws = clients(4).forRegion("eu-west-1");
        String bucket = "panstack-metrics-" + UUID.randomUUID();

        aws.s3().create(bucket, "eu-west-1");
        assertThat(aws.rds().findInstance("nobody-" + UUID.randomUUID())).isEmpty();
        assertThat(aws.efs().findByCreationToken("nobody-" + UUID.randomUUID())).isEmpty();
        assertThat(aws.s3().find("panstack-missing-" + UUID.randomUUID())).isEmpty();

        assertThat(count("s3", "CreateBucket", "success")).isEqualTo(1);
        assertThat(count("rds", "DescribeDBInstances", "rejected")).isEqualTo(1);
        assertThat(count("efs", "DescribeFileSystems", "success")).isEqualTo(1);
        assertThat(count("s3", "HeadBucket", "rejected")).isEqualTo(1);
        assertThat(registry.find(AwsCallMetrics.METER).counters()).hasSize(4);
    }

    @Test
    void failedAttemptsAreRetriedAndTheCallCountedOnce() {
        AwsServices aws = clients(4).forRegion("eu-west-1");
        http.failNext(2, Fault.SERVICE_UNAVAILABLE);

        assertThat(aws.efs().findByCreationToken("retried-" + UUID.randomUUID())).isEmpty();

        assertThat(http.injected()).isEqualTo(2);
        assertThat(http.passed()).isEqualTo(1);
        assertThat(count("efs", "DescribeFileSystems", "success")).isEqualTo(1);
        assertThat(count("efs", "DescribeFileSystems", "server_error")).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4 })
    void aCallThatKeepsFailingMakesExactlyMaxAttemptsRequests(int maxAttempts) {
        AwsServices aws = clients(maxAttempts).forRegion("eu-west-1");
        http.failAll(Fault.SERVICE_UNAVAILABLE);

        assertThatThrownBy(() -> aws.rds().findInstance("unavailable"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(AwsErrors.classify(e)).isEqualTo(AwsErrors.Kind.RETRYABLE);
                });

        assertThat(http.requests()).isEqualTo(maxAttempts);
        assertThat(count("rds", "DescribeDBInstances", "server_error")).isEqualTo(1);
    }

    @Test
    void noAnswerIsANetworkError() {
        AwsServices aws = clients(2).forRegion("eu-west-1");
        http.failAll(Fault.CONNECTION_RESET);

        assertThatThrownBy(() -> aws.s3().find("panstack-reset"))
                .isInstanceOfSatisfying(SdkClientException.class,
                        e -> assertThat(AwsErrors.classify(e)).isEqualTo(AwsErrors.Kind.RETRYABLE));

        assertThat(http.requests()).isEqualTo(2);
        assertThat(count("s3", "HeadBucket", "network_error")).isEqualTo(1);
    }

    /** The injected answers look like each service's own throttling, so the SDK recognises them. */
    @ParameterizedTest
    @CsvSource({ "rds, DescribeDBInstances, Throttling, 400", "efs, DescribeFileSystems, ThrottlingException, 429",
            "s3, CreateBucket, SlowDown, 503" })
    void throttlingIsRecognisedInEveryProtocol(String service, String operation, String code, int status) {
        AwsServices aws = clients(1).forRegion("eu-west-1");
        http.failAll(Fault.THROTTLING);
        Map<String, Consumer<AwsServices>> calls = Map.of(
                "rds", a -> a.rds().findInstance("throttled"),
                "efs", a -> a.efs().findByCreationToken("throttled"),
                "s3", a -> a.s3().create("panstack-throttled", "eu-west-1"));

        assertThatThrownBy(() -> calls.get(service).accept(aws))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(AwsErrors.classify(e)).isEqualTo(AwsErrors.Kind.RETRYABLE);
                });
        assertThat(count(service, operation, "throttled")).isEqualTo(1);
    }

    @Test
    void throttledAttemptIsRetried() {
        AwsServices aws = clients(2).forRegion("eu-west-1");
        http.failNext(1, Fault.THROTTLING);

        assertThat(aws.rds().findParameterGroup("throttled-" + UUID.randomUUID())).isEmpty();

        assertThat(http.requests()).isEqualTo(2);
        // moto answers an empty list where RDS would say DBParameterGroupNotFound.
        assertThat(count("rds", "DescribeDBParameterGroups", "success")).isEqualTo(1);
    }
}
