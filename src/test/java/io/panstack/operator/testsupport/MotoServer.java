package io.panstack.operator.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Runs moto, the AWS emulator, as a server on a free loopback port, from the private Debian root
 * {@code .ci/install-moto} builds (moto 5.1.1; bookworm's own is too old).
 * <ul>
 * <li>Plain JUnit 5: {@code @RegisterExtension static final MotoServer MOTO = MotoServer.shared();} starts one
 * server for the whole test run (stopped when the run ends); {@link #client} builds SDK clients aimed at it.</li>
 * <li>Quarkus: {@code @WithTestResource(MotoServer.class)} (or {@code @QuarkusTestResource(value = MotoServer.class,
 * restrictToAnnotatedClass = true)}; without that flag it applies to every Quarkus test) starts a server of its own
 * and points the operator's SDK clients at it through the SDK's standard system properties (aws.endpointUrl,
 * credentials, region) and {@code panstack.aws.s3.path-style=true}.</li>
 * </ul>
 */
public class MotoServer implements BeforeAllCallback, QuarkusTestResourceLifecycleManager {

    public static final String REGION = "eu-west-1";
    static final Path DEFAULT_ROOT = Path.of("/var/cache/panstack/moto-root");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final MotoServer SHARED = new MotoServer();

    private final Path root;
    private final boolean mayInstall;
    private Process process;
    private URI endpoint;
    private Path log;
    private SdkHttpClient http;
    private final Map<String, String> previousProperties = new HashMap<>();

    /** Quarkus creates test resources through this constructor. Root: $PANSTACK_MOTO_ROOT, else the default. */
    public MotoServer() {
        this(Path.of(System.getenv().getOrDefault("PANSTACK_MOTO_ROOT", DEFAULT_ROOT.toString())), true);
    }

    public MotoServer(Path root) {
        this(root, false);
    }

    /** @param mayInstall run .ci/install-moto when moto is missing, so ./mvnw verify alone is enough */
    private MotoServer(Path root, boolean mayInstall) {
        this.root = root;
        this.mayInstall = mayInstall;
    }

    /** Installs moto into the root once per machine (about a minute), when the build runs as root. */
    private void installIfMissing() {
        Path script = Path.of(".ci/install-moto");
        if (!mayInstall || Files.isExecutable(root.resolve("usr/bin/moto_server")) || !Files.isExecutable(script)
                || !"0".equals(uid())) {
            return;
        }
        try {
            int exit = new ProcessBuilder(script.toString(), root.toString()).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(".ci/install-moto failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run .ci/install-moto: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing moto", e);
        }
    }

    private static String uid() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            return new String(id.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The server all plain tests of one run share; started by the first test class that registers it. */
    public static MotoServer shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes its AutoCloseable values when the whole run ends: one moto for every test class.
        context.getRoot().getStore(ExtensionContext.Namespace.create(MotoServer.class))
                .getOrComputeIfAbsent("moto", k -> {
                    ensureStarted();
                    return (AutoCloseable) this::stopServer;
                });
    }

    /** Quarkus: a server for this test resource, and the operator's SDK clients pointed at it. */
    @Override
    public Map<String, String> start() {
        ensureStarted();
        setProperty("aws.endpointUrl", endpoint.toString());
        setProperty("aws.accessKeyId", "test");
        setProperty("aws.secretAccessKey", "test");
        setProperty("aws.region", REGION);
        // Buckets as host/bucket: bucket.127.0.0.1 does not resolve.
        return Map.of("panstack.aws.s3.path-style", "true");
    }

    @Override
    public void stop() {
        previousProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        previousProperties.clear();
        stopServer();
    }

    public URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("moto is not running: register MotoServer as an extension first");
        }
        return endpoint;
    }

    /**
     * The environment that aims the aws CLI at this server, and at nothing else: no config or credentials file of the
     * machine (they would live under home, and do not).
     */
    public java.util.Map<String, String> cliEnvironment(java.nio.file.Path home) {
        return java.util.Map.of("AWS_ENDPOINT_URL", endpoint().toString(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", REGION, "AWS_REGION", REGION,
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", home.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /** An SDK client of any service aimed at this server: endpoint, region, static credentials, shared HTTP client. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return client(builder, REGION);
    }

    /** The same in another region (moto keeps each region's resources apart, like AWS). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String region) {
        return builder.endpointOverride(endpoint()).region(Region.of(region)).credentialsProvider(credentials())
                .httpClient(http).build();
    }

    synchronized void ensureStarted() {
        if (process != null && process.isAlive()) {
            return;
        }
        installIfMissing();
        if (!Files.isExecutable(root.resolve("usr/bin/moto_server"))) {
            throw new IllegalStateException("moto is not installed in " + root
                    + ": run .ci/install-moto (as root) first, or set PANSTACK_MOTO_ROOT to where it is installed");
        }
        int port = freePort();
        try {
            log = Files.createTempFile("moto-" + port + "-", ".log");
            // No /proc inside the root: moto_server does not need it (the install script unmounts it again).
            process = new ProcessBuilder(List.of("chroot", root.toString(), "moto_server", "-H", "127.0.0.1", "-p",
                    Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start moto (chroot needs root): " + e.getMessage(), e);
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitAnswer();
        http = UrlConnectionHttpClient.create();
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still importing its Python modules
            }
            sleep(100);
        }
        String tail = tail();
        stopServer();
        throw new IllegalStateException("moto did not answer within " + STARTUP + ": " + tail);
    }

    synchronized void stopServer() {
        if (http != null) {
            http.close();
            http = null;
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
        if (log != null) {
            log.toFile().delete();
            log = null;
        }
    }

    private void setProperty(String key, String value) {
        previousProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
