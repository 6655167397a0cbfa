package io.panstack.operator.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.runtime.OperatorLeaderElection;
import io.panstack.operator.testsupport.OperatorProcess;

/**
 * The cluster the current kube context names (kind, minikube, EKS, ...), prepared once per test run as a user would:
 * {@code kubectl apply -f crds/} and {@code kubectl apply -k deploy/} (the Deployment then scaled to zero, since the
 * operator under test is the one built from this checkout, running here with the token of deploy/'s
 * ServiceAccount). Tests that find no reachable cluster are skipped, not failed.
 */
public final class E2eCluster {
    static final String OPERATOR_NAMESPACE = "panstack-system";
    static final String SERVICE_ACCOUNT = "panstack-operator";
    /** How long a stack may take to become Ready (image pulls and Pi's first start on a cluster that runs containers). */
    static final Duration TIMEOUT = Duration.parse("PT" + System.getenv().getOrDefault("PANSTACK_E2E_TIMEOUT", "10M"));
    static final Path WORK = Path.of("target", "e2e");

    private static E2eCluster shared;
    private static String unreachable;

    final KubernetesClient admin;
    private final Path kubeconfig;
    private Map<String, String> operatorEnvironment = Map.of();
    private OperatorProcess operator;

    private E2eCluster(KubernetesClient admin, Path kubeconfig) {
        this.admin = admin;
        this.kubeconfig = kubeconfig;
    }

    /** The prepared cluster with a running operator; skips the calling test when no cluster is reachable. */
    static synchronized E2eCluster get() {
        E2eCluster cluster;
        try {
            cluster = prepared();
        } catch (Unusable e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
        if (cluster.operator == null || !cluster.operator.isAlive()) {
            cluster.startOperator();
        }
        return cluster;
    }

    /** Why the current kube context cannot serve: no cluster answers, or it cannot run a stack. */
    public static final class Unusable extends IllegalStateException {
        Unusable(String why) {
            super(why);
        }
    }

    /**
     * The cluster of the current kube context, prepared once (CRD, deploy/ with the operator scaled to zero), with no
     * operator started: the benchmark starts its own.
     *
     * @throws Unusable when no cluster is reachable or it cannot run a stack, saying why
     */
    public static synchronized E2eCluster prepared() {
        if (unreachable != null) {
            throw new Unusable(unreachable);
        }
        if (shared == null) {
            try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.autoConfigure(null))
                    .withRequestTimeout(10_000).withConnectionTimeout(5_000).withRequestRetryBackoffLimit(0).build()).build()) {
                probe.getKubernetesVersion();
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw unusable("No Kubernetes cluster is reachable in the current kube context (" + root
                        + "); the e2e tier needs one, e.g. `kind create cluster`");
            }
            int kubectl = Kubectl.clientMinorVersion();
            if (kubectl < 25) {
                throw unusable("The e2e tier needs kubectl 1.25 or newer on the PATH (or KUBECTL): server-side strict"
                        + " field validation and `kubectl create token`; found minor version " + kubectl);
            }
            KubernetesClient admin = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.autoConfigure(null))
                    .withRequestTimeout(30_000).build()).build();
            shared = install(admin);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopOperator));
        }
        return shared;
    }

    private static Unusable unusable(String why) {
        unreachable = why;
        return new Unusable(why);
    }

    private static E2eCluster install(KubernetesClient admin) {
        try {
            Files.createDirectories(WORK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        killLeftover(WORK);
        Kubectl.ok("apply", "-f", "crds/panstacks.panstack.io-v1.yml");
        Kubectl.ok("wait", "--for=condition=Established", "crd/panstacks.panstack.io", "--timeout=60s");
        // deploy/ as it is, but with the operator Deployment at zero replicas: the operator under test runs here.
        Kubectl.ok("apply", "-k", writeDeployOverlay().toString());
        E2eCluster cluster = new E2eCluster(admin, WORK.resolve("operator-kubeconfig.yaml"));
        cluster.checkVolumesCanBeProvisioned();
        return cluster;
    }

    /** A kustomization on top of deploy/ that only sets the operator Deployment's replicas to zero. */
    private static Path writeDeployOverlay() {
        Path overlay = WORK.resolve("deploy-overlay");
        try {
            Files.createDirectories(overlay);
            Files.writeString(overlay.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - %s
                    replicas:
                      - name: panstack-operator
                        count: 0
                    """.formatted(overlay.toAbsolutePath().relativize(Path.of("deploy").toAbsolutePath())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return overlay;
    }

    /**
     * Every stack has claims: without a provisioner that works on this cluster each test would wait for its whole
     * time-out. A 1Mi claim and a pod using it (for WaitForFirstConsumer classes) must bind within two minutes.
     */
    private void checkVolumesCanBeProvisioned() {
        String namespace = newNamespace("panstack-e2e-preflight");
        try {
            Kubectl.okWithInput("""
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: probe}
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1Mi}}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: probe}
                    spec:
                      containers:
                        - name: pause
                          image: registry.k8s.io/pause:3.9
                          volumeMounts: [{name: data, mountPath: /data}]
                      volumes:
                        - name: data
                          persistentVolumeClaim: {claimName: probe}
                    """, "apply", "-n", namespace, "-f", "-");
            try {
                await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                        .until(() -> "Bound".equals(admin.persistentVolumeClaims().inNamespace(namespace).withName("probe")
                                .get().getStatus().getPhase()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw unusable("A PersistentVolumeClaim of the default StorageClass did not bind within 2 minutes:"
                        + " every PanStack needs claims, so the e2e tier needs a default StorageClass whose provisioner works");
            }
        } finally {
            admin.namespaces().withName(namespace).delete();
        }
    }

    /** Environment for the next operator start (e.g. the AWS emulator's endpoint). */
    synchronized void operatorEnvironment(Map<String, String> environment) {
        this.operatorEnvironment = Map.copyOf(environment);
    }

    public KubernetesClient admin() {
        return admin;
    }

    /** A fresh kubeconfig with only the token of deploy/'s ServiceAccount: the operator's rights, as installed. */
    public Path operatorKubeconfig() {
        writeOperatorKubeconfig();
        return kubeconfig.toAbsolutePath();
    }

    /** What the operator's process needs besides its kubeconfig to reach this cluster as the tester's context does. */
    public Map<String, String> operatorConnection() {
        Map<String, String> environment = new HashMap<>();
        if (admin.getConfiguration().getCaCertData() == null && admin.getConfiguration().getCaCertFile() == null) {
            environment.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        }
        return environment;
    }

    /** Starts the operator and waits until it holds the Lease. */
    synchronized OperatorProcess startOperator() {
        Path operatorKubeconfig = operatorKubeconfig();
        Map<String, String> environment = new HashMap<>(operatorEnvironment);
        environment.putAll(operatorConnection());
        // A fresh identity per start, as a new pod would have; nothing of the tester's own credentials reaches it.
        environment.put("HOSTNAME", "panstack-e2e-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            operator = OperatorProcess.start(operatorKubeconfig, WORK, List.of(), environment);
            Files.writeString(WORK.resolve(PID_FILE), Long.toString(operator.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OperatorProcess started = operator;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
                    if (!started.isAlive()) {
                        throw new AssertionError("the operator exited; its output:\n" + started.output());
                    }
                    return lease().map(l -> started.identity().equals(l.getSpec().getHolderIdentity())).orElse(false);
                });
        return started;
    }

    synchronized OperatorProcess operator() {
        return operator;
    }

    /** SIGTERM, as Kubernetes stops a pod; SIGKILL after 15 s, as its grace period would end. */
    synchronized void stopOperator() {
        try {
            if (operator != null && operator.isAlive() && !operator.stop(Duration.ofSeconds(15))) {
                operator.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9 of the running operator (no shutdown, the Lease is not released). */
    synchronized void killOperator() {
        try {
            operator.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    Optional<Lease> lease() {
        return Optional.ofNullable(admin.leases().inNamespace(OPERATOR_NAMESPACE).withName(OperatorLeaderElection.LEASE).get());
    }

    /** Every operator output so far (all starts), for the password check. */
    static String allOperatorOutput() {
        try (var files = Files.list(WORK)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("operator-")
                    && f.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A namespace of its own for one test; {@link #deleteNamespace} removes it. */
    public String newNamespace(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("panstack.io/e2e", "true").endMetadata().build()).create();
        return name;
    }

    /**
     * Deletes the namespace's PanStacks first, so the running operator releases them (finalizer), then the
     * namespace. A PanStack still there after two minutes (no operator) loses its finalizer, which leaves any AWS
     * resource in place, as the README describes.
     */
    public void deleteNamespace(String namespace) {
        var stacks = admin.resources(PanStack.class).inNamespace(namespace);
        stacks.delete();
        try {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                    .until(() -> stacks.list().getItems().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            stacks.list().getItems().forEach(s -> stacks.withName(s.getMetadata().getName())
                    .edit(p -> {
                        p.getMetadata().setFinalizers(List.of());
                        return p;
                    }));
        }
        admin.namespaces().withName(namespace).delete();
    }

    /**
     * A kubeconfig with the API server of the current context and only the token of deploy/'s ServiceAccount
     * (kubectl create token), in the operator's namespace (where its Lease is).
     */
    private void writeOperatorKubeconfig() {
        String token = Kubectl.ok("-n", OPERATOR_NAMESPACE, "create", "token", SERVICE_ACCOUNT, "--duration=2h").out().strip();
        Config config = admin.getConfiguration();
        String authority;
        if (config.getCaCertData() != null) {
            authority = "certificate-authority-data: " + config.getCaCertData();
        } else if (config.getCaCertFile() != null) {
            try {
                authority = "certificate-authority-data: "
                        + Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            authority = "insecure-skip-tls-verify: " + config.isTrustCerts();
        }
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: e2e
                    cluster:
                      server: %s
                      %s
                users:
                  - name: panstack-operator
                    user:
                      token: %s
                contexts:
                  - name: e2e
                    context: {cluster: e2e, user: panstack-operator, namespace: %s}
                current-context: e2e
                """.formatted(config.getMasterUrl(), authority, token, OPERATOR_NAMESPACE);
        try {
            Files.writeString(kubeconfig, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> environment(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
