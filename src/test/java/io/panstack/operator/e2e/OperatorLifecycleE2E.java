package io.panstack.operator.e2e;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.panstack.operator.api.v1alpha1.ComponentStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.OperatorProcess;

/**
 * The operator process itself on a real cluster: it keeps its Lease under deploy/'s RBAC, and a kill -9 in the middle
 * of a rollout followed by a restart leaves no duplicate, regenerates no password, and writes nothing to a stack that
 * has converged.
 */
class OperatorLifecycleE2E extends E2eTest {
    /** The kinds the operator writes in a stack's namespace. */
    static final List<String> WRITTEN_KINDS = List.of("panstack.io/v1alpha1/PanStack", "apps/v1/Deployment",
            "apps/v1/StatefulSet", "v1/Service", "v1/Secret", "v1/PersistentVolumeClaim", "networking.k8s.io/v1/Ingress",
            "policy/v1/PodDisruptionBudget", "batch/v1/CronJob", "batch/v1/Job");
    /** How long a restarted operator is watched for writes to a converged stack (it resyncs and reconciles at start). */
    static final Duration SETTLE = Duration.ofSeconds(45);



    @Test
    void theOperatorStaysLeaderForNinetySeconds() throws InterruptedException {
        cluster = E2eCluster.get();
        OperatorProcess operator = cluster.operator();
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ZonedDateTime firstRenewal = cluster.lease().orElseThrow().getSpec().getRenewTime();
        while (System.nanoTime() < end) {
            assertThat(operator.isAlive()).as("the operator process is running").isTrue();
            Lease lease = cluster.lease().orElseThrow();
            assertThat(lease.getSpec().getHolderIdentity()).as("the Lease's holder").isEqualTo(operator.identity());
            Thread.sleep(5_000);
        }
        Lease last = cluster.lease().orElseThrow();
        assertThat(last.getSpec().getRenewTime()).as("renewed over 90 s").isAfter(firstRenewal);
        assertThat(last.getSpec().getRenewTime()).as("renewed within its lease duration")
                .isAfter(ZonedDateTime.now().minusSeconds(last.getSpec().getLeaseDurationSeconds()));
        assertThat(operator.output()).doesNotContain("forbidden").doesNotContain("Stopped leading");
    }

    @Test
    void aKillInTheMiddleOfARolloutLeavesNoDuplicateAndAConvergedStackGetsNoWritesAfterARestart() {
        cluster = E2eCluster.get();
        namespace = cluster.newNamespace("panstack-e2e");
        Stacks stacks = new Stacks(cluster.admin, namespace);
        // A backup schedule twelve hours away: its Job must not appear while writes are counted.
        int hour = (java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour() + 12) % 24;
        stacks.apply(StackLifecycleE2E.MINIMAL.formatted("crash") + "  backup: {schedule: \"0 " + hour + " * * *\"}\n");
        await().atMost(E2eCluster.TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
                .until(() -> !stacks.deployments("crash").isEmpty());

        cluster.killOperator();
        Secret credentialsBefore = cluster.admin.secrets().inNamespace(namespace).withName("crash-db-credentials").get();
        cluster.startOperator();

        PanStack ready = stacks.awaitReady("crash");
        List<String> components = ready.getStatus().getComponents().stream().map(ComponentStatus::getName)
                .filter(c -> !c.equals("mariadb")).toList();
        assertThat(stacks.deployments("crash")).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(components.stream().map(c -> "crash-" + c).toList());
        assertThat(cluster.admin.apps().statefulSets().inNamespace(namespace).list().getItems()).hasSize(1);
        assertThat(cluster.admin.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("crash-mariadb-data", "crash-files", "crash-backups");
        assertThat(cluster.admin.batch().v1().cronjobs().inNamespace(namespace).list().getItems()).hasSize(1);
        if (credentialsBefore != null) {
            Secret credentialsAfter = cluster.admin.secrets().inNamespace(namespace).withName("crash-db-credentials").get();
            assertThat(credentialsAfter.getMetadata().getUid()).isEqualTo(credentialsBefore.getMetadata().getUid());
            assertThat(credentialsAfter.getData()).as("no password generated again").isEqualTo(credentialsBefore.getData());
        }

        // Converged: wait until nothing changes for a while, then restart and count what the new operator changes.
        Map<String, String> converged = await().atMost(E2eCluster.TIMEOUT).pollInterval(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
                .until(new Stable(this::versions), v -> v != null);
        cluster.killOperator();
        cluster.startOperator();
        await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(5)).until(() -> true);
        Map<String, String> after = versions();

        Map<String, String> written = new TreeMap<>();
        converged.forEach((object, version) -> {
            if (!version.equals(after.get(object))) {
                written.put(object, "before: " + version + "\nafter: " + after.get(object));
            }
        });
        System.out.printf("e2e: %d objects of a converged stack; %d written in the %d s after a restart%n",
                converged.size(), written.size(), SETTLE.toSeconds());
        assertThat(written).as("objects the restarted operator wrote to a converged stack").isEmpty();
        assertThat(after.keySet()).as("objects after the restart").isEqualTo(converged.keySet());
    }

    /**
     * kind/name → what the operator writes of every object of the kinds it writes, in the test's namespace: the object
     * without its status (which controllers write: Deployment replicas, CronJob schedule times), resourceVersion and
     * managedFields. A write of the operator that changes anything changes this.
     */
    Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        for (String kind : WRITTEN_KINDS) {
            int slash = kind.lastIndexOf('/');
            for (GenericKubernetesResource object : cluster.admin.genericKubernetesResources(kind.substring(0, slash),
                    kind.substring(slash + 1)).inNamespace(namespace).list().getItems()) {
                String key = kind.substring(slash + 1) + "/" + object.getMetadata().getName();
                if (kind.endsWith("PanStack")) {
                    versions.put(key, object.getMetadata().getResourceVersion()); // only the operator writes its status
                    continue;
                }
                object.getMetadata().setResourceVersion(null);
                object.getMetadata().setManagedFields(null);
                object.getAdditionalProperties().remove("status");
                versions.put(key, io.fabric8.kubernetes.client.utils.Serialization.asJson(object));
            }
        }
        return versions;
    }

    /** The snapshot once two reads in a row agree (the stack has stopped changing), else null. */
    static final class Stable implements java.util.concurrent.Callable<Map<String, String>> {
        private final java.util.function.Supplier<Map<String, String>> read;
        private Map<String, String> previous = new HashMap<>();

        Stable(java.util.function.Supplier<Map<String, String>> read) {
            this.read = read;
        }

        @Override
        public Map<String, String> call() {
            Map<String, String> now = read.get();
            boolean same = now.equals(previous);
            previous = now;
            return same ? now : null;
        }
    }
}
