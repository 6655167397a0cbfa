package io.panstack.operator.aws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.panstack.operator.aws.efs.SdkFileSystemBackups;
import io.panstack.operator.runtime.OperatorSettings;
import io.panstack.operator.aws.efs.SdkFileSystems;
import io.panstack.operator.aws.rds.SdkDatabaseInstances;
import io.panstack.operator.aws.s3.SdkBuckets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the RDS, EFS and S3 clients once per region and keeps them for the operator's lifetime.
 * <p>
 * Endpoints are deliberately not set here: the SDK's own {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_<SERVICE>} and {@code aws.endpointUrl} settings then apply, which is how tests and
 * emulators redirect the operator. Credentials come from the SDK's default chain (system properties, environment,
 * IRSA web identity, profile, EKS Pod Identity / container, instance profile).
 */
@ApplicationScoped
public class AwsClients implements AwsServicesFactory {

    private static final Logger LOG = Logger.getLogger(AwsClients.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
    static final String TIMEOUT_THREAD = "aws-call-timeouts";

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCallMetrics metrics;
    private final AwsRegionProvider environmentRegion;
    private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final ConcurrentMap<String, RegionClients> regions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts = timeoutScheduler();
    /** Found once: the chain's last resort is the instance metadata service, slow to answer or time out. */
    private volatile String foundEnvironmentRegion;

    @Inject
    public AwsClients(MeterRegistry registry, OperatorSettings settings) {
        this(registry, new AwsSettings(settings.aws().maxAttempts(), settings.aws().s3().pathStyle()));
    }

    /** The production HTTP client with the given settings. */
    public AwsClients(MeterRegistry registry, AwsSettings settings) {
        this(settings, UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build(), registry);
    }

    /** For tests: any HTTP client (e.g. one that injects faults); the region comes from the SDK's default chain. */
    public AwsClients(AwsSettings settings, SdkHttpClient http, MeterRegistry registry) {
        this(settings, http, registry, new DefaultAwsRegionProviderChain());
    }

    /** For tests: also the provider of the environment's region. */
    public AwsClients(AwsSettings settings, SdkHttpClient http, MeterRegistry registry,
            AwsRegionProvider environmentRegion) {
        this.settings = settings;
        this.http = http;
        this.metrics = new AwsCallMetrics(registry);
        this.environmentRegion = environmentRegion;
    }

    @Override
    public AwsServices forRegion(String region) {
        if (timeouts.isShutdown()) { // clients built now would fail every call, and never be closed
            throw new IllegalStateException("The AWS clients are closed: the operator is stopping");
        }
        String name = region == null || region.isBlank() ? environmentRegion() : region.strip();
        return regions.computeIfAbsent(name, this::build).services();
    }

    private String environmentRegion() {
        if (foundEnvironmentRegion != null) {
            return foundEnvironmentRegion;
        }
        try {
            Region region = environmentRegion.getRegion();
            if (region == null) {
                throw new AwsRegionUnknownException(null);
            }
            foundEnvironmentRegion = region.id();
            return foundEnvironmentRegion;
        } catch (SdkClientException e) {
            // The chain's message lists every place it looked; keep it as the cause for the log.
            throw new AwsRegionUnknownException(e);
        }
    }

    private RegionClients build(String name) {
        LOG.debugf("Building AWS clients for region %s", name);
        Region region = Region.of(name);
        RdsClient rds = configure(RdsClient.builder(), region).build();
        EfsClient efs = configure(EfsClient.builder(), region).build();
        S3Client s3 = configure(S3Client.builder(), region)
                .forcePathStyle(settings.s3PathStyle())
                // find() reports a bucket's real region instead of failing with a 301 when it lives elsewhere.
                .crossRegionAccessEnabled(true)
                .build();
        BackupClient backup = configure(BackupClient.builder(), region).build();
        AwsServices services = new AwsServices(name, new SdkDatabaseInstances(rds), new SdkFileSystems(efs),
                new SdkFileSystemBackups(efs, backup), new SdkBuckets(s3));
        return new RegionClients(services, List.of(rds, efs, s3, backup));
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region region) {
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .scheduledExecutorService(timeouts)
                .addExecutionInterceptor(metrics)
                .build();
        return builder.region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(override);
    }

    /**
     * Explicit because the SDK's default has changed across 2.x releases (legacy, then standard, and the attempt
     * count with it) and AWS_RETRY_MODE or a profile could change it under us. One per client, so a service's retry
     * token bucket only drains for that service.
     */
    private RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build();
    }

    /**
     * The SDK otherwise gives every client its own pool of 5 threads for the call timeouts: 20 threads a region,
     * each with its stack, to run tasks that only ever fire when a call hangs. Two threads serve them all (a timeout
     * that fires closes the call's connection, which can block, and the other calls' timeouts must not wait for it);
     * a finished call cancels its task, which then leaves the queue at once instead of when it would have fired.
     */
    private static ScheduledExecutorService timeoutScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, TIMEOUT_THREAD);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    @PreDestroy
    void close() {
        // The SDK does not close an HTTP client it was handed, so the shared one is closed last, here.
        regions.values().forEach(r -> r.clients().forEach(AwsClients::closeQuietly));
        regions.clear();
        if (credentials instanceof AutoCloseable c) {
            closeQuietly(c);
        }
        closeQuietly(http);
        // The SDK leaves an executor it was handed alone.
        timeouts.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debugf(e, "Closing %s", closeable);
        }
    }

    private record RegionClients(AwsServices services, List<AutoCloseable> clients) {
    }
}
