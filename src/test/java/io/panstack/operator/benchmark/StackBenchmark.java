package io.panstack.operator.benchmark;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.e2e.E2eCluster;
import io.panstack.operator.pass.ReadersAhead;
import io.panstack.operator.start.ClassLoadLog;
import io.panstack.operator.start.StartWarmUp;
import io.panstack.operator.testsupport.ClassArchive;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.ContainerJvm;
import io.panstack.operator.testsupport.MotoNetwork;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.OperatorProcess;
import io.panstack.operator.testsupport.RequestLog;
import io.panstack.operator.testsupport.TestStacks;

/**
 * The operator's figures at N stacks, printed, never asserted (a benchmark, not a test). For each N, on the cluster of
 * the current kube context when it is a local test cluster and reachable (prepared as the e2e tier prepares it: the
 * operator runs with deploy/'s rights) and on a fresh mock API server otherwise, with the packaged operator in a JVM
 * of its own under deploy/'s memory settings: start → ready; apply → Ready (median, p95) and the floor (the same
 * objects created directly); API requests and writes per stack by verb and kind; the operator's RSS and CPU; a
 * restart with N converged stacks (start → ready, → all reconciled, writes). After the largest N, an idle period with
 * a few stacks on AWS (moto): requests, writes and AWS calls. Requests are the operator's own count
 * (panstack_kube_requests_total), the same on both; on the mock server, times are only indicative.
 * <p>
 * Run: {@code ./mvnw -Pbenchmark verify} with, optionally, {@code -Dbenchmark.sizes=1,10,100,1000}
 * {@code -Dbenchmark.idle=15m} {@code -Dbenchmark.resync=10m} {@code -Dbenchmark.awsStacks=3} (0 on a cluster)
 * {@code -Dbenchmark.jvm="-XX:MaxRAM=512m ..."} (default: deploy/'s, see ContainerJvm; {@code none}: the JVM's defaults)
 * {@code -Dbenchmark.jar=/path/to/quarkus-app/quarkus-run.jar} (default: a copy of this build's)
 * {@code -Dbenchmark.floorUpTo=100} (the largest N whose floor is measured)
 * {@code -Dbenchmark.starts=10} (how often start → ready is measured with no stacks, first)
 * {@code -Dbenchmark.startsAgainst=/tmp/before/target/quarkus-app/quarkus-run.jar} (another package: an earlier build,
 * or the bare operator of src/test/bare-operator, the framework's own start) and/or
 * {@code -Dbenchmark.startsAgainstJvm="<JVM flags>"} (other flags, or {@code none}): each start is paired with one
 * of that other setting, and the medians of the pairs' differences (ready, CPU) are printed
 * {@code -Dbenchmark.recordStartClasses=src/main/resources/META-INF/panstack/start-classes.txt} (after the starts, one
 * more with the JVM's class-loading log, whose classes are written there for StartWarmUp)
 * {@code -Dbenchmark.target=cluster} (the current context's cluster, whatever its name, or fail; {@code mock}: never;
 * by default a context named as a local test cluster, kind-* say, is used when reachable).
 */
@Tag("benchmark")
class StackBenchmark {
    static final String SPEC = """
            version: "2023_11"
            registry: docker.io/panintelligence
            """;
    static final String AWS_SPEC = SPEC + """
            database:
              rds:
                subnetIds: [%1$s]
                securityGroupIds: [%2$s]
            files:
              efs:
                subnetIds: [%1$s]
                securityGroupIds: [%2$s]
            bucket: {}
            aws:
              region: %3$s
            """;
    static final String RECONCILED = "operator_sdk_reconciliations_success_total";
    static final String QUIET = "panstack_quiet_rechecks_total";
    static final String AWS_CALLS = "panstack_aws_requests_total";

    /** {@code none} measures the starts only. */
    final List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.sizes", "1,10,100,1000").split(","))
            .map(String::strip).filter(size -> !size.isEmpty() && !size.equals("none")).map(Integer::parseInt)
            .toList();
    final Duration idle = duration(System.getProperty("benchmark.idle", "15m"));
    final String resync = System.getProperty("benchmark.resync", "");
    /** On a cluster, none unless asked: moto listens on this machine only, and EFS volumes need the EFS CSI driver. */
    int awsStacks;
    final int floorUpTo = Integer.getInteger("benchmark.floorUpTo", 100);
    final int startRuns = Integer.getInteger("benchmark.starts", 10);
    final String recordStartClasses = System.getProperty("benchmark.recordStartClasses", "");
    /** Another package's quarkus-run.jar (an earlier commit's, say) to pair each start with; or this one. */
    final String startsAgainst = System.getProperty("benchmark.startsAgainst", "");
    /** Other JVM flags to pair each start with (same %n rule as benchmark.jvm); or the same flags. */
    final String startsAgainstJvm = System.getProperty("benchmark.startsAgainstJvm", "");
    /** deploy/'s JVM flags, unless -Dbenchmark.jvm gives others. */
    final List<String> jvm = System.getProperty("benchmark.jvm") == null ? ContainerJvm.flags()
            : jvmFlags(System.getProperty("benchmark.jvm"));

    Path temp;
    Path jar;
    String whyMock;
    int processes;
    MotoServer moto;

    @Test
    void figures() throws Exception {
        temp = Files.createTempDirectory("panstack-benchmark");
        jar = System.getProperty("benchmark.jar") == null ? OperatorProcess.copyOfPackage(temp)
                : Path.of(System.getProperty("benchmark.jar"));
        E2eCluster cluster = cluster();
        awsStacks = Integer.getInteger("benchmark.awsStacks", cluster == null ? 3 : 0);
        String jvmShown = jvm.isEmpty() ? "none (the JVM's defaults)" : String.join(" ", jvm);
        StringBuilder report = new StringBuilder("\n=== PanStack benchmark: " + (cluster == null ? "mock API server (counts"
                + " valid, times indicative; " + whyMock + ")" : "the cluster of the current kube context, "
                        + cluster.admin().getMasterUrl()) + ", operator JVM flags: " + jvmShown + " ===\n");
        try {
            if (startRuns > 0) {
                try (Target target = target(cluster)) {
                    report.append(starts(target));
                }
                System.out.println(report);
            }
            for (int i = 0; i < sizes.size(); i++) {
                boolean last = i == sizes.size() - 1;
                try (Target target = target(cluster)) {
                    report.append(round(target, sizes.get(i), last));
                }
                System.out.println(report);
            }
        } finally {
            if (moto != null) {
                moto.stop();
            }
        }
        System.out.println(report);
    }

    /**
     * Start → ready with no stacks, {@code startRuns} times: the spread matters as much as one figure. Each start as
     * the image runs it is followed by one with the package's class archive (ClassArchive), so that both see the
     * machine at the same speed; and, when another setting is asked for (another package, other JVM flags), paired
     * with one of that setting, which goes first every second time.
     */
    String starts(Target target) throws Exception {
        Path kubeconfig = target.operatorKubeconfig(temp);
        Map<String, String> env = operatorEnvironment(target);
        if (System.getProperty("benchmark.jar") == null || !Files.exists(ClassArchive.of(jar))) {
            ClassArchive.train(jar, temp); // the copy's own: the JVM takes an archive only at the path it was made at
        }
        StartTimes plain = new StartTimes(jar);
        StartTimes archived = new StartTimes(jar);
        boolean paired = !startsAgainst.isEmpty() || !startsAgainstJvm.isEmpty();
        StartTimes other = paired ? new StartTimes(startsAgainst.isEmpty() ? jar : Path.of(startsAgainst)) : null;
        for (int i = 0; i < startRuns; i++) {
            if (paired && i % 2 == 1) { // the other setting first every second time: neither always goes first
                other.add(kubeconfig, env, otherFlags());
                target.dropRecordedRequests();
            }
            plain.add(kubeconfig, env, flags());
            target.dropRecordedRequests();
            if (paired && i % 2 == 0) {
                other.add(kubeconfig, env, otherFlags());
                target.dropRecordedRequests();
            }
            List<String> withArchive = new ArrayList<>(flags());
            withArchive.add(ClassArchive.flag(jar));
            archived.add(kubeconfig, env, withArchive);
            target.dropRecordedRequests();
        }
        if (!recordStartClasses.isEmpty()) {
            recordStartClasses(kubeconfig, env);
            target.dropRecordedRequests();
        }
        String otherJvm = startsAgainstJvm.isEmpty() ? ", the same flags"
                : jvmFlags(startsAgainstJvm).isEmpty() ? ", the JVM's defaults" : ", flags " + startsAgainstJvm;
        String against = !paired ? "" : String.format("Start -> ready of the other setting (%s%s), each paired with"
                + " one of the first line's: %s; first line minus other, medians of the %d pairs: %+.3f s ready,"
                + " %+.2f s CPU%n", startsAgainst.isEmpty() ? "this package" : startsAgainst,
                otherJvm, other, startRuns,
                StartTimes.medianOfDifferences(plain.ready, other.ready),
                StartTimes.medianOfDifferences(plain.cpu, other.cpu));
        return String.format("%n%s%nStart -> ready, no stacks, %d runs: %s%nStart -> ready with the class archive"
                + " (-XX:SharedArchiveFile=<package>/%s, where the operator runs from target/quarkus-app), %d runs"
                + " alternating with those: %s%n%s", MachineSpeed.describe(), startRuns, plain, ClassArchive.FILE,
                startRuns, archived, against);
    }

    /** The flags of a start paired with one of this setting's: benchmark.startsAgainstJvm, or the same. */
    List<String> otherFlags() {
        return startsAgainstJvm.isEmpty() ? flags() : flags(jvmFlags(startsAgainstJvm));
    }

    /** Flags given on the command line; {@code none} (or nothing): none at all, the JVM's own defaults. */
    static List<String> jvmFlags(String given) {
        return given.isBlank() || given.strip().equals("none") ? List.of() : List.of(given.strip().split("\\s+"));
    }

    /** Start → ready times and CPU at ready of some starts. */
    final class StartTimes {
        final Path packageJar;
        final List<Double> ready = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();

        StartTimes(Path packageJar) {
            this.packageJar = packageJar;
        }

        void add(Path kubeconfig, Map<String, String> env, List<String> flags) throws Exception {
            try (OperatorProcess operator = OperatorProcess.start(packageJar, kubeconfig, temp, flags, env)) {
                ready.add(seconds(operator.awaitReady(Duration.ofMinutes(2))));
                cpu.add(operator.cpuSeconds());
                operator.stop(Duration.ofSeconds(10));
            }
        }

        /**
         * The median of the differences, pair by pair (the lists are filled in step): two settings compared start by
         * start see the machine at the same speed, where their medians alone differ by more than the change between
         * rounds.
         */
        static double medianOfDifferences(List<Double> first, List<Double> second) {
            List<Double> differences = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                differences.add(first.get(i) - second.get(i));
            }
            return median(differences);
        }

        /** The middle value, or the mean of the two middle ones. */
        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        @Override
        public String toString() {
            return String.format("median %.2f s (%.2f-%.2f s); CPU at ready median %.1f s", median(ready),
                    Collections.min(ready), Collections.max(ready), median(cpu));
        }
    }

    /** One more start, logging every class it loads: the list StartWarmUp loads ahead. */
    void recordStartClasses(Path kubeconfig, Map<String, String> env) throws Exception {
        Path log = temp.resolve("class-load.log");
        List<String> flags = new ArrayList<>(flags());
        flags.add("-Xlog:class+load=info:file=" + log);
        flags.add("-D" + StartWarmUp.SWITCH + "=false"); // what the start itself loads, not what the old list names
        flags.add("-D" + ReadersAhead.SWITCH + "=false"); // nor what is made after the start for the first stack
        try (OperatorProcess operator = OperatorProcess.start(jar, kubeconfig, temp, flags, env)) {
            operator.awaitReady(Duration.ofMinutes(2));
            operator.stop(Duration.ofSeconds(10));
        }
        List<String> classes = ClassLoadLog.startClasses(Files.readAllLines(log));
        Files.write(Path.of(recordStartClasses), classes);
        System.out.printf("%d classes of a start written to %s%n", classes.size(), recordStartClasses);
    }

    /**
     * The current kube context's cluster, prepared, or null for the mock server (whyMock says why). Preparing applies
     * crds/ and deploy/ (its Deployment at zero replicas), so by default only a context whose name says it is a
     * throw-away local cluster is used; -Dbenchmark.target=cluster uses any, -Dbenchmark.target=mock none.
     */
    E2eCluster cluster() {
        String target = System.getProperty("benchmark.target", "auto");
        if (target.equals("mock")) {
            whyMock = "-Dbenchmark.target=mock";
            return null;
        }
        String context = currentContext();
        if (target.equals("auto") && (context == null || !LOCAL_CLUSTER.matcher(context).matches())) {
            whyMock = context == null ? "no current kube context"
                    : "the current kube context " + context + " is not named as a local test cluster (kind-*, k3d-*,"
                            + " minikube, docker-desktop, rancher-desktop, orbstack); -Dbenchmark.target=cluster uses"
                            + " it: crds/ and deploy/ are applied there, its operator Deployment scaled to zero";
            return null;
        }
        try {
            return E2eCluster.prepared();
        } catch (E2eCluster.Unusable e) {
            if (target.equals("cluster")) {
                throw e;
            }
            whyMock = e.getMessage();
            return null;
        }
    }

    static final Pattern LOCAL_CLUSTER = Pattern.compile("(kind-|k3d-).+|minikube|docker-desktop|rancher-desktop|orbstack");

    static String currentContext() {
        try {
            NamedContext context = Config.autoConfigure(null).getCurrentContext();
            return context == null ? null : context.getName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    String round(Target target, int n, boolean last) throws Exception {
        KubernetesClient driver = target.driver();
        Map<String, String> env = operatorEnvironment(target);
        if (last && awsStacks > 0) {
            env.putAll(aws());
        }
        StringBuilder out = new StringBuilder(String.format("%nN = %d stacks; %s%n", n, MachineSpeed.describe()));
        Path kubeconfig = target.operatorKubeconfig(temp);

        OperatorProcess operator = OperatorProcess.start(jar, kubeconfig, temp, flags(), env);
        try {
            Duration ready = operator.awaitReady(Duration.ofMinutes(2));
            double cpuAtReady = operator.cpuSeconds();
            Thread.sleep(1000);
            out.append(String.format("  operator start -> ready, no stacks: %.2f s (CPU %.1f s); RSS %d MB%n",
                    seconds(ready), cpuAtReady, operator.rssMegabytes()));
            target.dropRecordedRequests();

            ClusterFixture cluster = target.freshNamespace();
            RequestLog before = RequestLog.fromMetrics(operator.metrics());
            double cpuBefore = operator.cpuSeconds();
            double reconciledBefore = operator.metricSum(RECONCILED);
            double quietBefore = operator.metricSum(QUIET);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                cluster.create(TestStacks.resource("bench-" + i, SPEC));
            }
            List<Long> readyAfter = awaitReady(cluster, n, start, target.playsControllers());
            double cpu = operator.cpuSeconds() - cpuBefore;
            double reconciles = operator.metricSum(RECONCILED) - reconciledBefore;
            double quiet = operator.metricSum(QUIET) - quietBefore;
            Thread.sleep(2000); // late writes, if any, belong to converging
            RequestLog converging = RequestLog.fromMetrics(operator.metrics()).minus(before);
            long rss = operator.rssMegabytes();
            long floor = n <= floorUpTo ? floor(driver, cluster, target.freshNamespace(), n) : 0;
            target.dropRecordedRequests();

            Collections.sort(readyAfter);
            long all = readyAfter.get(readyAfter.size() - 1);
            out.append(String.format("  apply -> Ready: median %.2f s, p95 %.2f s, all %.2f s; %s%n",
                    seconds(readyAfter.get(readyAfter.size() / 2)),
                    seconds(readyAfter.get((int) Math.ceil(readyAfter.size() * 0.95) - 1)), seconds(all),
                    floor == 0 ? "floor not measured above N = " + floorUpTo + " (-Dbenchmark.floorUpTo)"
                            : String.format("floor (same objects created directly) %.2f s, ratio %.1f",
                                    seconds(floor), (double) all / floor)));
            // Reconciles grow with the time to converge (rechecks of stacks still being made), so CPU is only
            // comparable with them beside it.
            out.append(String.format("  operator while converging: CPU %.1f s over %.0f reconciles (%.1f ms each;"
                    + " %.0f of them quiet rechecks), RSS after %d MB%n", cpu, reconciles,
                    1000 * cpu / Math.max(1, reconciles), quiet, rss));
            out.append(String.format("  API requests while converging: %d (%.1f a stack), writes %d (%.1f a stack),"
                    + " Lease requests %d%n", converging.total(), converging.total() / (double) n,
                    converging.writes(), converging.writes() / (double) n, converging.lease()));
            out.append("    writes a stack, by verb and resource: ").append(converging.perStack(n)).append('\n');

            operator = restart(operator, target, kubeconfig, env, n, out);

            if (last) {
                out.append(idle(operator, target, n));
            }
            target.cleanUp(); // on a cluster, while an operator still runs to release the stacks
        } finally {
            operator.stop(Duration.ofSeconds(10));
            operator.close();
        }
        return out.toString();
    }

    /** SIGTERM, then a new process on the same N converged stacks: how soon it is ready, and what it writes. */
    OperatorProcess restart(OperatorProcess operator, Target target, Path kubeconfig, Map<String, String> env, int n,
            StringBuilder out) throws Exception {
        long stopping = System.nanoTime();
        boolean ended = operator.stop(Duration.ofSeconds(20));
        double stopSeconds = seconds(System.nanoTime() - stopping);
        operator.close();
        target.dropRecordedRequests();

        OperatorProcess next = OperatorProcess.start(jar, kubeconfig, temp, flags(), env);
        Duration ready = next.awaitReady(Duration.ofMinutes(5));
        long startedAt = System.nanoTime() - ready.toNanos();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> next.metricSum(RECONCILED) >= n);
        double reconciled = seconds(System.nanoTime() - startedAt);
        Thread.sleep(5000);
        RequestLog after = RequestLog.fromMetrics(next.metrics());
        target.dropRecordedRequests();
        out.append(String.format("  restart: SIGTERM -> exit %.2f s%s; start -> ready %.2f s, -> all %d reconciled"
                + " %.1f s; RSS %d MB%n", stopSeconds, ended ? "" : " (did not end: killed)", seconds(ready), n,
                reconciled, next.rssMegabytes()));
        out.append(String.format("  from the restart: %d requests, %d writes %s%n", after.total(), after.writes(),
                after.writes() == 0 ? "" : after.perStack(1)));
        return next;
    }

    /** A few stacks on AWS join the N, then nothing changes for a while: what does the operator still do? */
    String idle(OperatorProcess operator, Target target, int n) throws Exception {
        StringBuilder out = new StringBuilder();
        if (awsStacks > 0) {
            ClusterFixture aws = target.freshNamespace();
            MotoNetwork network = MotoNetwork.create(moto);
            String subnets = String.join(", ", network.subnetIds());
            for (int i = 0; i < awsStacks; i++) {
                aws.create(TestStacks.resource("aws-" + i, AWS_SPEC.formatted(subnets, network.securityGroupId(),
                        MotoServer.REGION)));
            }
            awaitReady(aws, awsStacks, System.nanoTime(), target.playsControllers());
            Thread.sleep(5000);
        }
        target.dropRecordedRequests();
        RequestLog before = RequestLog.fromMetrics(operator.metrics());
        double reconciledBefore = operator.metricSum(RECONCILED);
        double awsBefore = operator.metricSum(AWS_CALLS);
        double cpuBefore = operator.cpuSeconds();
        long until = System.nanoTime() + idle.toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(Math.min(10_000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            target.dropRecordedRequests();
        }
        RequestLog idling = RequestLog.fromMetrics(operator.metrics()).minus(before);
        out.append(String.format("  idle %s with %d stacks + %d on AWS (moto), resync every %s: %d requests, %d writes"
                + " %s, %d Lease requests, %.0f AWS calls, %.0f reconciles, CPU %.1f s, RSS %d MB%n", idle.toString()
                        .substring(2).toLowerCase(), n, awsStacks, resync.isEmpty() ? "10m" : resync, idling.total(),
                idling.writes(), idling.writes() == 0 ? "" : idling.perStack(1), idling.lease(),
                operator.metricSum(AWS_CALLS) - awsBefore, operator.metricSum(RECONCILED) - reconciledBefore,
                operator.cpuSeconds() - cpuBefore, operator.rssMegabytes()));
        return out.toString();
    }

    /**
     * Waits until every stack reports Ready; each one's time. On the mock server it plays the cluster's controllers
     * (pods Ready at once).
     */
    static List<Long> awaitReady(ClusterFixture cluster, int n, long start, boolean playControllers) {
        Map<String, Long> readyAfter = new TreeMap<>();
        // Polling lists every stack and workload from the mock server: less often as N grows, or the driver becomes its load.
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(Math.max(200, 3L * n))).until(() -> {
            if (playControllers) {
                cluster.list(StatefulSet.class).stream().filter(s -> s.getStatus() == null).forEach(cluster::markReady);
                cluster.list(Deployment.class).stream().filter(d -> d.getStatus() == null).forEach(cluster::markReady);
            }
            for (PanStack stack : cluster.list(PanStack.class)) {
                boolean ready = stack.getStatus() != null && stack.getStatus().getConditions() != null && stack.getStatus()
                        .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                if (ready) {
                    readyAfter.putIfAbsent(stack.getMetadata().getName(), System.nanoTime() - start);
                }
            }
            return readyAfter.size() == n;
        });
        return new ArrayList<>(readyAfter.values());
    }

    /** The objects the operator made for one stack, created directly under new names: the floor, N times over. */
    static long floor(KubernetesClient driver, ClusterFixture cluster, ClusterFixture floor, int n) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Class<? extends HasMetadata> type : List.of(Deployment.class, StatefulSet.class,
                io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class,
                io.fabric8.kubernetes.api.model.Secret.class, io.fabric8.kubernetes.api.model.ServiceAccount.class,
                io.fabric8.kubernetes.api.model.batch.v1.CronJob.class)) {
            cluster.list(type).stream().filter(o -> "bench-0".equals(o.getMetadata().getLabels() == null ? null
                    : o.getMetadata().getLabels().get("app.kubernetes.io/instance"))).forEach(objects::add);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (HasMetadata object : objects) {
                HasMetadata copy = driver.getKubernetesSerialization().clone(object);
                copy.getMetadata().setName(object.getMetadata().getName().replace("bench-0", "floor-" + i));
                copy.getMetadata().setNamespace(floor.namespace);
                copy.getMetadata().setResourceVersion(null);
                copy.getMetadata().setUid(null);
                copy.getMetadata().setOwnerReferences(null);
                copy.getMetadata().setManagedFields(null);
                copy.getMetadata().setCreationTimestamp(null);
                forgetWhatTheClusterAssigned(copy);
                driver.resource(copy).create();
            }
        }
        return System.nanoTime() - start;
    }

    /** A copy must not claim the original's cluster IP, node ports or bound volume (a real API server refuses). */
    static void forgetWhatTheClusterAssigned(HasMetadata copy) {
        if (copy instanceof io.fabric8.kubernetes.api.model.Service service) {
            service.getSpec().setClusterIP(null);
            service.getSpec().setClusterIPs(null);
            service.getSpec().getPorts().forEach(port -> port.setNodePort(null));
        }
        if (copy instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaim claim) {
            claim.getSpec().setVolumeName(null);
            claim.setStatus(null);
            if (claim.getMetadata().getAnnotations() != null) {
                claim.getMetadata().getAnnotations().keySet().removeIf(k -> k.startsWith("pv.kubernetes.io/")
                        || k.startsWith("volume.beta.kubernetes.io/") || k.startsWith("volume.kubernetes.io/"));
            }
        }
    }

    /** A fresh target for one round: a new mock server, or the prepared cluster. */
    static Target target(E2eCluster cluster) throws java.io.IOException {
        return cluster == null ? new MockTarget() : new ClusterTarget(cluster);
    }

    /** deploy/'s container environment, what the target needs to be reached, and a pod name for the Lease. */
    static Map<String, String> operatorEnvironment(Target target) {
        Map<String, String> env = new HashMap<>(ContainerJvm.environment());
        env.putAll(target.operatorConnection());
        env.put("HOSTNAME", "panstack-operator-bench");
        return env;
    }

    /** The JVM flags of the next operator process; %n in them becomes its number (one JFR file each, say). */
    List<String> flags() {
        return flags(jvm);
    }

    List<String> flags(List<String> base) {
        int process = ++processes;
        List<String> flags = new ArrayList<>(base.stream().map(flag -> flag.replace("%n", Integer.toString(process)))
                .toList());
        if (!resync.isEmpty()) {
            flags.add("-Dquarkus.operator-sdk.controllers.panstack.max-reconciliation-interval=PT"
                    + resync.toUpperCase());
        }
        return flags;
    }

    /** The operator's SDK clients aimed at moto, started for the idle round. */
    Map<String, String> aws() {
        moto = new MotoServer();
        moto.start();
        return Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", MotoServer.REGION, "PANSTACK_AWS_S3_PATH_STYLE", "true");
    }

    static Duration duration(String text) {
        return Duration.parse("PT" + text.strip().toUpperCase());
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double seconds(Duration duration) {
        return seconds(duration.toNanos());
    }
}
