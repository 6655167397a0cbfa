package io.panstack.operator.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * Plays the parts of a cluster the mock API server lacks: the Deployment and StatefulSet controllers reporting
 * ready pods. Each test uses its own namespace.
 */
public final class ClusterFixture {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    public final String namespace;

    /** A fixture in a namespace no other test uses (the operator watches them all). */
    public static ClusterFixture inFreshNamespace(KubernetesClient client) {
        return new ClusterFixture(client, "t-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    /** In a namespace that exists already (on a real cluster, one the caller created). */
    public static ClusterFixture inNamespace(KubernetesClient client, String namespace) {
        return new ClusterFixture(client, namespace);
    }

    ClusterFixture(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public PanStack create(String yaml) {
        return create(Serialization.unmarshal(yaml, PanStack.class));
    }

    /** Creates the PanStack in this fixture's namespace (see TestStacks.resource to build one). */
    public PanStack create(PanStack stack) {
        stack.getMetadata().setNamespace(namespace);
        return client.resource(stack).create();
    }

    public PanStack get(String name) {
        return client.resources(PanStack.class).inNamespace(namespace).withName(name).get();
    }

    public void delete(PanStack stack) {
        client.resource(stack).delete();
    }

    /** Read-modify-write, repeated on a conflict as kubectl does: the operator writes the object too (finalizer). */
    public PanStack edit(String name, java.util.function.Consumer<PanStack> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(PanStack.class).inNamespace(namespace).withName(name).edit(stack -> {
                    change.accept(stack);
                    return stack;
                });
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    public <T extends HasMetadata> T awaitObject(Class<T> type, String name) {
        return await().atMost(TIMEOUT).until(() -> find(type, name), Optional::isPresent).get();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
    }

    public <T extends HasMetadata> List<T> list(Class<T> type) {
        return client.resources(type).inNamespace(namespace).list().getItems();
    }

    public Condition awaitCondition(String stack, String type, String status) {
        return await().atMost(TIMEOUT).until(() -> condition(stack, type),
                c -> c.isPresent() && status.equals(c.get().getStatus())).get();
    }

    public Optional<Condition> condition(String stack, String type) {
        PanStack current = get(stack);
        if (current == null || current.getStatus() == null) {
            return Optional.empty();
        }
        return current.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** What the StatefulSet controller reports once MariaDB passes its readiness probe. */
    public void markReady(StatefulSet statefulSet) {
        StatefulSet current = client.resource(statefulSet).get();
        current.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1)
                .withAvailableReplicas(1).withObservedGeneration(current.getMetadata().getGeneration()).build());
        client.resource(current).updateStatus();
    }

    /** What the Deployment controller reports once every pod of the current template is ready. */
    public void markReady(Deployment deployment) {
        Deployment current = client.resource(deployment).get();
        int replicas = current.getSpec().getReplicas();
        current.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                .withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                .withObservedGeneration(current.getMetadata().getGeneration()).build());
        client.resource(current).updateStatus();
    }

    /** What the PersistentVolume controller does once a volume is found for the claim. */
    public void bind(String claim) {
        client.persistentVolumeClaims().inNamespace(namespace).withName(claim).editStatus(pvc -> {
            pvc.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound")
                    .build());
            return pvc;
        });
    }

    public void markNotReady(Deployment deployment) {
        Deployment current = client.resource(deployment).get();
        int replicas = current.getSpec().getReplicas();
        current.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(0)
                .withUpdatedReplicas(replicas).withUnavailableReplicas(replicas)
                .withObservedGeneration(current.getMetadata().getGeneration()).build());
        client.resource(current).updateStatus();
    }

    /**
     * What the kubelet and the Job controller report when a Job ends: its pod (with the Job's labels) terminated with
     * this message, then the Job's outcome.
     */
    public void finishJob(io.fabric8.kubernetes.api.model.batch.v1.Job job, boolean succeeded, String container,
            String terminationMessage) {
        var pod = client.resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName(job.getMetadata().getName() + "-x").withNamespace(namespace)
                .withLabels(job.getMetadata().getLabels()).addToLabels("job-name", job.getMetadata().getName())
                .endMetadata().withNewSpec().addNewContainer().withName(container).withImage("mariadb:10.11")
                .endContainer().endSpec().build()).create();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodBuilder().withNewStatus().addNewContainerStatus()
                .withName(container).withNewState().withNewTerminated().withExitCode(succeeded ? 0 : 1)
                .withMessage(terminationMessage + "\n").endTerminated().endState().endContainerStatus().endStatus()
                .build().getStatus());
        client.resource(pod).updateStatus();
        var current = client.resource(job).get();
        String at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        current.setStatus(succeeded
                ? new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1).withCompletionTime(at).build()
                : new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withFailed(1).addNewCondition()
                        .withType("Failed").withStatus("True").withLastTransitionTime(at).endCondition().build());
        client.resource(current).updateStatus();
    }

    public void markAllDeploymentsReady() {
        list(Deployment.class).forEach(this::markReady);
    }

    /**
     * Deletes the PanStack, then does what Kubernetes' garbage collector would: deletes every object with an owner
     * reference to it (the mock API server has no garbage collector).
     */
    public void deleteWithGarbageCollection(String name) {
        PanStack stack = get(name);
        String uid = stack.getMetadata().getUid();
        client.resource(stack).delete();
        collectGarbageOnceGone(name, uid);
    }

    /** Waits until the PanStack is gone, then deletes what still names it as owner, as the garbage collector does. */
    public void collectGarbageOnceGone(String name, String uid) {
        await().atMost(TIMEOUT).until(() -> get(name) == null);
        for (Class<? extends HasMetadata> type : CHILD_TYPES) {
            list(type).stream()
                    .filter(o -> o.getMetadata().getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid())))
                    .forEach(o -> client.resource(o).delete());
        }
    }

    static final List<Class<? extends HasMetadata>> CHILD_TYPES = List.of(Deployment.class, StatefulSet.class,
            io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
            io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
            io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, io.fabric8.kubernetes.api.model.Secret.class);

    /** Brings a minimal stack to Ready: database first, then every component. */
    public void bringUp(String name) {
        markReady(awaitObject(StatefulSet.class, name + "-mariadb"));
        awaitObject(Deployment.class, name + "-dashboard");
        awaitObject(Deployment.class, name + "-scheduler");
        runControllersUntilReady(name);
    }

    /**
     * Plays the workload controllers until the stack reports Ready: whatever StatefulSets and Deployments exist are
     * marked ready, and claims bound, again and again, as the operator creates more (the dashboard only once the
     * database is ready).
     */
    public void runControllersUntilReady(String name) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
            list(StatefulSet.class).stream().filter(s -> s.getStatus() == null).forEach(this::markReady);
            list(Deployment.class).stream().filter(d -> d.getStatus() == null).forEach(this::markReady);
            list(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class).stream()
                    .filter(c -> c.getStatus() == null || c.getStatus().getPhase() == null)
                    .forEach(c -> bind(c.getMetadata().getName()));
            return condition(name, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
        });
    }

    public String image(String deployment) {
        return find(Deployment.class, deployment).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage();
    }

    public Map<String, String> env(String deployment) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        find(Deployment.class, deployment).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv().forEach(v -> env.put(v.getName(), v.getValue() != null ? v.getValue()
                        : "secret:" + v.getValueFrom().getSecretKeyRef().getName() + "/" + v.getValueFrom().getSecretKeyRef().getKey()));
        return env;
    }

    public void createSecret(String name, Map<String, String> stringData) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withStringData(stringData).build()).create();
    }
}
