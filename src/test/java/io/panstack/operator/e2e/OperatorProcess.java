package io.panstack.operator.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The operator built from this checkout (target/quarkus-app), run as its own process the way the container runs it:
 * the prod profile (server-side apply, leader election), a kubeconfig that holds only the token of deploy/'s
 * ServiceAccount (so the API server applies exactly deploy/'s RBAC), and a fresh identity per start, as a new pod
 * would have. Its output goes to a file, which tests read only to check that no password is in it.
 */
final class OperatorProcess {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    final String identity;
    final Path log;
    private final Process process;

    private OperatorProcess(String identity, Path log, Process process) {
        this.identity = identity;
        this.log = log;
        this.process = process;
    }

    static OperatorProcess start(Path kubeconfig, Path workDirectory, Map<String, String> extraEnvironment) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the e2e tier with ./mvnw verify -Pe2e, which packages first");
        }
        String identity = "panstack-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Path log = workDirectory.resolve("operator-" + identity + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        Map<String, String> env = builder.environment();
        // Nothing of the tester's own credentials may reach the operator: only the ServiceAccount's kubeconfig.
        env.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("AWS_")
                || name.startsWith("QUARKUS_") || name.startsWith("PANSTACK_"));
        env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("HOSTNAME", identity); // the Lease holder identity, as a pod's name would be
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.putAll(extraEnvironment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process process = builder.start();
            Files.writeString(workDirectory.resolve(PID_FILE), Long.toString(process.pid()));
            return new OperatorProcess(identity, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String PID_FILE = "operator.pid";

    /** An operator left running by an earlier run whose JVM was killed (it would keep the Lease): ended. */
    static void killLeftover(Path workDirectory) {
        Path pid = workDirectory.resolve(PID_FILE);
        try {
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                        .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
                Files.delete(pid);
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to clean up
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, nothing released. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM, as Kubernetes stops a pod; SIGKILL after 15 s, as its grace period would end. */
    void stop() {
        process.destroy();
        if (!waitFor(15)) {
            process.destroyForcibly();
            waitFor(30);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
