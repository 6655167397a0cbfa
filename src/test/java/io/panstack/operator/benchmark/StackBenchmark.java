package io.panstack.operator.benchmark;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * The operator's figures at N stacks, printed, never asserted (a benchmark, not a test): apply → Ready (median, p95),
 * API requests and writes per stack by verb and kind, writes over an idle period, the operator JVM's RSS and CPU, and
 * the floor: the same objects created directly. Against the mock API server here (request and write counts are
 * valid, times only indicative). Run: ./mvnw -Pbenchmark test [-Dbenchmark.sizes=1,10,100] [-Dbenchmark.idle=60s]
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag("benchmark")
class StackBenchmark {
    static final String AGENT = "panstack-benchmark";
    static final String STACK = """
            apiVersion: panstack.io/v1alpha1
            kind: PanStack
            metadata:
              name: %s
            spec:
              version: "2023_11"
              registry: docker.io/panintelligence
            """;

    @Inject
    KubernetesClient operatorClient;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void figures() throws Exception {
        KubernetesClient tests = new KubernetesClientBuilder().withConfig(new ConfigBuilder(operatorClient.getConfiguration())
                .withUserAgent(AGENT).build()).build();
        List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.sizes", "1,10,100").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        Duration idle = Duration.parse("PT" + System.getProperty("benchmark.idle", "60s").toUpperCase());
        StringBuilder report = new StringBuilder("\n=== PanStack benchmark (mock API server; times indicative) ===\n");
        for (int n : sizes) {
            report.append(round(tests, n, idle));
        }
        report.append(String.format("operator JVM: RSS %d MB, CPU %.1f s (the test JVM: operator, mock server and driver)%n",
                rssMegabytes(), cpuSeconds()));
        System.out.println(report);
    }

    String round(KubernetesClient tests, int n, Duration idle) throws Exception {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(tests);
        drain();
        double cpuBefore = cpuSeconds();
        long start = System.nanoTime();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("bench-" + i);
            cluster.create(STACK.formatted("bench-" + i));
        }
        Map<String, Long> readyAfter = new TreeMap<>();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            cluster.list(StatefulSet.class).stream().filter(s -> s.getStatus() == null).forEach(cluster::markReady);
            cluster.list(Deployment.class).stream().filter(d -> d.getStatus() == null).forEach(cluster::markReady);
            for (PanStack stack : cluster.list(PanStack.class)) {
                boolean ready = stack.getStatus() != null && stack.getStatus().getConditions() != null && stack.getStatus()
                        .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                if (ready) {
                    readyAfter.putIfAbsent(stack.getMetadata().getName(), System.nanoTime() - start);
                }
            }
            return readyAfter.size() == n;
        });
        double cpu = cpuSeconds() - cpuBefore;
        Requests converging = drain();

        Thread.sleep(idle.toMillis());
        Requests idling = drain();

        long floor = floor(tests, cluster, n);
        List<Long> times = new ArrayList<>(readyAfter.values());
        Collections.sort(times);
        long all = times.get(times.size() - 1);
        return String.format("%nN = %d stacks%n", n)
                + String.format("  apply -> Ready: median %.2f s, p95 %.2f s, all %.2f s; floor (same objects created directly) %.2f s,"
                        + " ratio %.1f%n", seconds(times.get(times.size() / 2)), seconds(times.get((int) Math.ceil(times.size() * 0.95) - 1)),
                        seconds(all), seconds(floor), floor == 0 ? 0 : (double) all / floor)
                + String.format("  operator CPU while converging: %.1f s%n", cpu)
                + String.format("  operator API requests while converging: %d (%.1f a stack), writes %d (%.1f a stack)%n",
                        converging.total(), converging.total() / (double) n, converging.writes(), converging.writes() / (double) n)
                + "    writes by verb and kind, a stack: " + converging.perStack(n) + "\n"
                + String.format("  idle %d s after: %d requests, %d writes %s%n", idle.toSeconds(), idling.total(),
                        idling.writes(), idling.writes() == 0 ? "" : idling.perStack(1));
    }

    /** The objects the operator made for one stack, created directly under new names: the floor, N times over. */
    long floor(KubernetesClient tests, ClusterFixture cluster, int n) throws InterruptedException {
        List<HasMetadata> objects = new ArrayList<>();
        for (Class<? extends HasMetadata> type : List.of(Deployment.class, StatefulSet.class,
                io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class,
                io.fabric8.kubernetes.api.model.Secret.class, io.fabric8.kubernetes.api.model.ServiceAccount.class,
                io.fabric8.kubernetes.api.model.batch.v1.CronJob.class)) {
            cluster.list(type).stream().filter(o -> "bench-0".equals(o.getMetadata().getLabels() == null ? null
                    : o.getMetadata().getLabels().get("app.kubernetes.io/instance"))).forEach(objects::add);
        }
        ClusterFixture floor = ClusterFixture.inFreshNamespace(tests);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (HasMetadata object : objects) {
                HasMetadata copy = tests.getKubernetesSerialization().clone(object);
                copy.getMetadata().setName(object.getMetadata().getName().replace("bench-0", "floor-" + i));
                copy.getMetadata().setNamespace(floor.namespace);
                copy.getMetadata().setResourceVersion(null);
                copy.getMetadata().setUid(null);
                copy.getMetadata().setOwnerReferences(null);
                copy.getMetadata().setManagedFields(null);
                copy.getMetadata().setCreationTimestamp(null);
                tests.resource(copy).create();
            }
        }
        long took = System.nanoTime() - start;
        drain();
        return took;
    }

    /** The operator's requests since the last drain (the driver's own carry its user agent and are left out). */
    Requests drain() throws InterruptedException {
        Requests requests = new Requests();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            if (!AGENT.equals(request.getHeader("User-Agent"))) {
                requests.add(request.getMethod(), kind(request.getPath()));
            }
        }
        return requests;
    }

    /** The resource of a request path: /api/v1/namespaces/x/secrets/y → secrets; a subresource keeps its suffix. */
    static String kind(String path) {
        String[] parts = path.split("\\?")[0].split("/");
        List<String> segments = new ArrayList<>(Arrays.asList(parts));
        int namespaces = segments.indexOf("namespaces");
        if (namespaces >= 0 && segments.size() > namespaces + 2) {
            List<String> rest = segments.subList(namespaces + 2, segments.size());
            return rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        }
        return segments.get(segments.size() - 1);
    }

    static final class Requests {
        final Map<String, Integer> byVerbAndKind = new TreeMap<>();
        int total;

        void add(String verb, String kind) {
            total++;
            if (!"GET".equals(verb)) {
                byVerbAndKind.merge(verb + " " + kind, 1, Integer::sum);
            }
        }

        int total() {
            return total;
        }

        int writes() {
            return byVerbAndKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        String perStack(int n) {
            Map<String, String> each = new TreeMap<>();
            byVerbAndKind.forEach((k, v) -> each.put(k, String.format("%.1f", v / (double) n)));
            return each.toString();
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    static long rssMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
