package io.panstack.operator.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as its container runs it: the packaged application (target/quarkus-app, prod profile, leader election
 * on) in a JVM of its own, pointed at an API server through a kubeconfig. What a test or the benchmark reads of it is
 * what a user could: /q/health, /q/metrics, the process's memory and CPU, its log, and how it ends on SIGTERM. The
 * benchmark, ShutdownHandOverTest, ChildWritesTest and the e2e tier (E2eCluster) start it.
 */
public final class OperatorProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    private final int port;
    private final long startedNanos;
    private final String identity;

    private OperatorProcess(Process process, Path log, int port, long startedNanos, String identity) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedNanos = startedNanos;
        this.identity = identity;
    }

    /**
     * @param jvmFlags JVM options, e.g. the container's heap settings
     * @param env      added to a clean environment: none of the caller's KUBERNETES_, AWS_, QUARKUS_ or PANSTACK_
     *                 variables leak in
     */
    public static OperatorProcess start(Path kubeconfig, Path directory, List<String> jvmFlags, Map<String, String> env)
            throws IOException {
        return start(JAR, kubeconfig, directory, jvmFlags, env);
    }

    /** @param jar the quarkus-run.jar of a packaged operator (a copy of target/quarkus-app, say) */
    public static OperatorProcess start(Path jar, Path kubeconfig, Path directory, List<String> jvmFlags,
            Map<String, String> env) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("AWS_")
                || name.startsWith("QUARKUS_") || name.startsWith("PANSTACK_") || name.startsWith("JAVA_")
                || name.startsWith("JDK_JAVA_"));
        int port = freePort();
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.putAll(env);
        Path log = Files.createTempFile(directory, "operator-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        return new OperatorProcess(builder.start(), log, port, started, environment.get("HOSTNAME"));
    }

    /** A kubeconfig for the API server at {@code server}, as the operator's ServiceAccount, in {@code namespace}. */
    public static Path kubeconfig(Path directory, String server, String namespace) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "kubeconfig-", ".yaml"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: operator, user: {token: deploy-rbac}}]
                contexts: [{name: mock, context: {cluster: mock, user: operator, namespace: %s}}]
                current-context: mock
                """.formatted(server, namespace));
    }

    /** Waits until /q/health/ready answers 200; returns the time from process start. */
    public Duration awaitReady(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the operator exited with " + process.exitValue() + ": " + logTail());
            }
            if (status("/q/health/ready") == 200) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not ready within " + atMost + ": " + logTail());
    }

    /** The HTTP status of a GET on the operator's port, 0 when nothing answers. */
    public int status(String path) {
        try {
            HttpURLConnection connection = open(path);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** The Prometheus text of /q/metrics. */
    public String metrics() throws IOException {
        HttpURLConnection connection = open("/q/metrics");
        try (var in = connection.getInputStream()) {
            return new String(in.readAllBytes());
        } finally {
            connection.disconnect();
        }
    }

    /** The sum of every sample of a counter or gauge in /q/metrics (all label sets). */
    public double metricSum(String name) throws IOException {
        double sum = 0;
        for (String line : metrics().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        return connection;
    }

    /** Resident memory of the operator's process, from /proc (Linux). */
    public long rssMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    public double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    /** A copy of the packaged operator (target/quarkus-app), so a build meanwhile does not change what runs. */
    public static Path copyOfPackage(Path directory) throws IOException {
        Path app = JAR.getParent();
        Path copy = directory.resolve("quarkus-app");
        try (var paths = Files.walk(app)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(app.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return copy.resolve(JAR.getFileName());
    }

    /** SIGTERM, as Kubernetes stops a pod; true when the process ended by itself within {@code atMost}. */
    public boolean stop(Duration atMost) throws InterruptedException {
        process.destroy();
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown, nothing released. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /** Its Lease holder identity: the HOSTNAME it was given (a pod's name), or null. */
    public String identity() {
        return identity;
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
