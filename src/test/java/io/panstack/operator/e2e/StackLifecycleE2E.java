package io.panstack.operator.e2e;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.Phase;

/**
 * A stack's life on a real cluster, with the operator holding exactly deploy/'s rights and server-side apply on: the
 * samples, admission of bad manifests, an upgrade behind its safety backup, suspend, and deletion per policy. Judged
 * only by what the API shows.
 */
class StackLifecycleE2E extends E2eTest {
    static final Pattern STACK_NAME = Pattern.compile("kind: PanStack\\s+metadata:\\s+name: (\\S+)");
    static final String MINIMAL = """
            apiVersion: panstack.io/v1alpha1
            kind: PanStack
            metadata:
              name: %s
            spec:
              version: "2023_11"
              registry: docker.io/panintelligence
            """;

    Stacks stacks;

    @BeforeEach
    void namespace() {
        cluster = E2eCluster.get();
        namespace = cluster.newNamespace("panstack-e2e");
        stacks = new Stacks(cluster.admin, namespace);
    }


    static Stream<String> samples() {
        String chosen = System.getenv("PANSTACK_E2E_SAMPLES");
        List<String> all = List.of("minimal", "external-db", "ingress-tls-ha");
        return chosen == null || chosen.isBlank() ? all.stream() : Stream.of(chosen.split(",")).map(String::strip);
    }

    @ParameterizedTest(name = "samples/{0}.yaml")
    @MethodSource("samples")
    void everySampleButTheAwsOneReachesReady(String sample) throws IOException {
        String yaml = Files.readString(Path.of("samples", sample + ".yaml"));
        if (sample.equals("ingress-tls-ha")) {
            // What its comments ask to create first.
            Kubectl.ok("-n", namespace, "create", "secret", "docker-registry", "pi-registry", "--docker-server=ghcr.io",
                    "--docker-username=e2e", "--docker-password=" + System.getenv().getOrDefault("PANSTACK_E2E_GHCR_TOKEN", "none"));
            Kubectl.ok("-n", namespace, "create", "secret", "generic", "pi-licence", "--from-literal=licence=e2e");
            yaml = withStorageThisClusterHas(yaml);
        }
        Matcher name = STACK_NAME.matcher(yaml);
        assertThat(name.find()).as("the sample names its PanStack").isTrue();

        stacks.apply(yaml);

        PanStack ready = stacks.awaitReady(name.group(1));
        assertThat(ready.getStatus().getPhase()).isEqualTo(Phase.Ready);
        assertThat(stacks.deployments(name.group(1))).isNotEmpty()
                .allSatisfy(d -> assertThat(d.getMetadata().getOwnerReferences())
                        .anySatisfy(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid())));
    }

    /**
     * The sample's two dashboards share a ReadWriteMany volume of class "nfs-client". With
     * PANSTACK_E2E_RWX_STORAGE_CLASS that class is used; without, few clusters have one (kind's default is
     * ReadWriteOnce only), so the copy runs one dashboard on the default class with smaller requests: everything
     * else in the sample (registry, pull secret, licence, Ingress with TLS, resources, env) stays as it is.
     */
    static String withStorageThisClusterHas(String yaml) {
        String chosen = System.getenv("PANSTACK_E2E_RWX_STORAGE_CLASS");
        if (chosen != null && !chosen.isBlank()) {
            return yaml.replace("storageClassName: nfs-client", "storageClassName: " + chosen);
        }
        String adapted = yaml.replaceAll("(?m)^\\s*storageClassName: nfs-client\\s*\\n", "")
                .replaceAll("(?m)^\\s*accessMode: ReadWriteMany\\s*\\n", "")
                .replaceFirst("(?m)^(  dashboard:\\n    replicas:) 2", "$1 1")
                .replace("requests: {cpu: \"1\", memory: 4Gi}", "requests: {cpu: 100m, memory: 1Gi}");
        assertThat(adapted).as("the sample's copy was adapted").doesNotContain("nfs-client", "ReadWriteMany")
                .contains("dashboard:\n    replicas: 1");
        return adapted;
    }

    /** Every manifest under src/test/resources/manifests/bad with an "# expect:" line, through kubectl create. */
    @Test
    void badManifestsAreRefusedByTheApiServerWithTheCrdsMessages() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : manifests("bad")) {
            List<String> expected = comments(file, "expect");
            if (expected.isEmpty()) {
                continue; // a documented known gap
            }
            checked++;
            Kubectl.Result result = Kubectl.run("create", "--validate=strict", "-n", namespace, "-f", file.toString());
            String said = result.err() + result.out();
            if (result.ok() || !expected.stream().allMatch(said::contains)) {
                wrong.add(file.getFileName() + ": expected refusal containing " + expected + ", got (" + result.exitCode()
                        + ") " + said.strip());
            }
        }
        assertThat(checked).as("bad manifests checked").isGreaterThan(30);
        assertThat(wrong).as("manifests the API server did not refuse as expected").isEmpty();
    }

    /** Each bad update: the first document is created, the second sent as its update (PUT), which must be refused. */
    @Test
    void badUpdatesAreRefusedByTheApiServer() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : manifests("bad-updates")) {
            List<String> expected = comments(file, "expect");
            if (expected.isEmpty()) {
                continue;
            }
            // Sent exactly as written (generic objects: the Java model would fill in its defaults).
            String[] documents = Files.readString(file).split("(?m)^---\\s*$");
            GenericKubernetesResource stored = Serialization.unmarshal(documents[0], GenericKubernetesResource.class);
            GenericKubernetesResource update = Serialization.unmarshal(documents[1], GenericKubernetesResource.class);
            String name = "upd-" + Integer.toHexString(file.getFileName().toString().hashCode() & 0xffffff);
            for (GenericKubernetesResource object : List.of(stored, update)) {
                object.getMetadata().setName(name);
                object.getMetadata().setNamespace(namespace);
            }
            assertThat(cluster.admin.resource(stored).create()).isNotNull();
            KubernetesClientException refused = updateRefusal(update, name);
            if (refused == null) {
                wrong.add(file.getFileName() + ": the update was accepted");
            } else {
                String said = refused.getStatus() == null ? refused.getMessage() : refused.getStatus().getMessage();
                if (refused.getCode() != 422 || !expected.stream().allMatch(said::contains)) {
                    wrong.add(file.getFileName() + ": expected 422 containing " + expected + ", got " + refused.getCode()
                            + " " + said);
                }
            }
        }
        assertThat(wrong).as("updates the API server did not refuse as expected").isEmpty();
    }

    /**
     * Sends the update on top of the stored object's current version; the operator writes it too (finalizer, status),
     * and the API server checks the version before validating, so a conflict is simply tried again. Null: accepted.
     */
    KubernetesClientException updateRefusal(GenericKubernetesResource update, String name) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            PanStack current = stacks.get(name);
            update.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            update.getMetadata().setFinalizers(current.getMetadata().getFinalizers());
            try {
                cluster.admin.resource(update).update();
                return null;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    return e;
                }
                sleep(200L * attempt);
            }
        }
        throw new AssertionError("the update of " + name + " kept conflicting");
    }

    @Test
    void aVersionBumpWithBackupsWaitsForItsSafetyBackupThenRolls() {
        stacks.apply(MINIMAL.formatted("up") + "  backup: {}\n");
        stacks.awaitReady("up");
        assertThat(stacks.image("up-dashboard")).endsWith(":2023_11");

        stacks.edit("up", s -> s.getSpec().setVersion("2024_08"));

        Job safety = await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> cluster.admin.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                        .filter(j -> j.getMetadata().getName().startsWith("up-backup-pre-upgrade-")).findFirst().orElse(null),
                        j -> j != null);
        // Until the backup has succeeded, the running release stays.
        Job finished = await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> {
                    Job job = cluster.admin.batch().v1().jobs().inNamespace(namespace).withName(safety.getMetadata().getName()).get();
                    boolean done = job.getStatus() != null && job.getStatus().getSucceeded() != null
                            && job.getStatus().getSucceeded() > 0 && job.getStatus().getCompletionTime() != null;
                    if (!done) {
                        assertThat(stacks.image("up-dashboard")).as("the release while the backup runs").endsWith(":2023_11");
                    }
                    return done ? job : null;
                }, j -> j != null);
        await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> stacks.image("up-dashboard").endsWith(":2024_08"));

        // The new release's ReplicaSet was made after the backup had finished (2 s for clocks of different hosts).
        Instant backupDone = Instant.parse(finished.getStatus().getCompletionTime());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(KubernetesClientException.class).untilAsserted(() -> {
            ReplicaSet rollout = cluster.admin.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                    .filter(rs -> rs.getMetadata().getName().startsWith("up-dashboard-")
                            && rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":2024_08"))
                    .findFirst().orElseThrow();
            assertThat(Instant.parse(rollout.getMetadata().getCreationTimestamp())).as("new release rolled out at")
                    .isAfterOrEqualTo(backupDone.minusSeconds(2));
            assertThat(reasons()).contains("UpgradeWaitsForBackup", "SafetyBackupTaken");
        });
        stacks.awaitReady("up");
    }

    @Test
    void suspendScalesPiToZeroAndResumeBringsItBack() {
        stacks.apply(MINIMAL.formatted("nap"));
        stacks.awaitReady("nap");

        stacks.edit("nap", s -> s.getSpec().setSuspend(true));
        await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class).untilAsserted(() -> {
            PanStack stack = stacks.get("nap");
            assertThat(stack.getStatus().getPhase()).isEqualTo(Phase.Suspended);
            assertThat(stacks.deployments("nap")).isNotEmpty().allSatisfy(d -> {
                assertThat(d.getSpec().getReplicas()).isZero();
                assertThat(d.getStatus().getReadyReplicas()).isNull();
            });
        });
        assertThat(cluster.admin.apps().statefulSets().inNamespace(namespace).withName("nap-mariadb").get().getSpec()
                .getReplicas()).as("the database keeps running").isEqualTo(1);

        stacks.edit("nap", s -> s.getSpec().setSuspend(false));
        stacks.awaitReady("nap");
    }

    /**
     * Server-side apply and an HPA on a real API server: replicas the operator does not own survive its next apply
     * (an HPA's or kubectl scale's), also when autoscaling takes over from fixed replicas, where an apply without
     * the field would drop it and Kubernetes would reset it to 1. No metrics server is needed: an HPA without
     * metrics scales nothing.
     */
    @Test
    void replicasAnHpaOwnsSurviveTheOperatorsNextApply() {
        stacks.apply(MINIMAL.formatted("scaled") + """
                  renderer:
                    replicas: 2
                """);
        stacks.awaitReady("scaled");
        var deployments = cluster.admin.apps().deployments().inNamespace(namespace);
        assertThat(deployments.withName("scaled-renderer").get().getSpec().getReplicas()).isEqualTo(2);

        stacks.edit("scaled", s -> {
            s.getSpec().getRenderer().setReplicas(null);
            s.getSpec().getRenderer().setAutoscaling(new io.panstack.operator.api.v1alpha1.AutoscalingSpec());
            s.getSpec().getRenderer().getAutoscaling().setMaxReplicas(4);
        });
        await().atMost(E2eCluster.TIMEOUT).until(() -> cluster.admin.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(namespace).withName("scaled-renderer").get() != null);
        stacks.awaitReady("scaled");
        assertThat(deployments.withName("scaled-renderer").get().getSpec().getReplicas())
                .as("handed to the HPA at the replicas it had").isEqualTo(2);

        deployments.withName("scaled-renderer").scale(3);
        deployments.withName("scaled-analytics").scale(2);
        stacks.edit("scaled", s -> {
            s.getSpec().getRenderer().setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("TZ", "UTC", null)));
            s.getSpec().getAnalytics().setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("TZ", "UTC", null)));
        });
        await().atMost(E2eCluster.TIMEOUT).until(() -> Stream.of("scaled-renderer", "scaled-analytics")
                .allMatch(name -> deployments.withName(name).get().getSpec().getTemplate().getSpec().getContainers()
                        .get(0).getEnv().stream().anyMatch(e -> e.getName().equals("TZ"))));
        assertThat(deployments.withName("scaled-renderer").get().getSpec().getReplicas()).as("the HPA's").isEqualTo(3);
        assertThat(deployments.withName("scaled-analytics").get().getSpec().getReplicas())
                .as("replicas left unset: kubectl scale's").isEqualTo(2);
    }

    @Test
    void deletingWithRetainKeepsTheClaimsAndTheCredentials() {
        stacks.apply(MINIMAL.formatted("keep") + "  deletionPolicy: Retain\n");
        stacks.awaitReady("keep");

        stacks.stack("keep").delete();
        await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> stacks.get("keep") == null);
        // The garbage collector has acted on what the PanStack owned once its workloads are gone.
        await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> {
                    assertThat(stacks.deployments("keep")).as("the Pi workloads go").isEmpty();
                    assertThat(cluster.admin.apps().statefulSets().inNamespace(namespace).withName("keep-mariadb").get())
                            .as("the MariaDB StatefulSet goes").isNull();
                });

        for (String claim : List.of("keep-mariadb-data", "keep-files")) {
            PersistentVolumeClaim kept = cluster.admin.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
            assertThat(kept).as(claim).isNotNull();
            assertThat(kept.getMetadata().getDeletionTimestamp()).as(claim + " being deleted").isNull();
        }
        assertThat(cluster.admin.secrets().inNamespace(namespace).withName("keep-db-credentials").get()).isNotNull();
    }

    @Test
    void deletingWithDeleteRemovesTheClaimsAndTheCredentials() {
        stacks.apply(MINIMAL.formatted("gone") + "  deletionPolicy: Delete\n");
        stacks.awaitReady("gone");

        stacks.stack("gone").delete();

        await().atMost(E2eCluster.TIMEOUT).ignoreExceptionsInstanceOf(KubernetesClientException.class).untilAsserted(() -> {
            assertThat(stacks.get("gone")).isNull();
            assertThat(cluster.admin.secrets().inNamespace(namespace).withName("gone-db-credentials").get()).isNull();
            for (String claim : List.of("gone-mariadb-data", "gone-files")) {
                PersistentVolumeClaim left = cluster.admin.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
                assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null).as(claim + " deleted").isTrue();
            }
        });
    }

    @Test
    void noPasswordAppearsOutsideItsSecretNorInTheOperatorsOutput() {
        stacks.apply(MINIMAL.formatted("secret") + "  backup: {}\n");
        stacks.awaitReady("secret");
        Secret credentials = cluster.admin.secrets().inNamespace(namespace).withName("secret-db-credentials").get();
        List<String> passwords = credentials.getData().entrySet().stream().filter(e -> e.getKey().contains("password"))
                .map(e -> new String(Base64.getDecoder().decode(e.getValue()))).toList();
        assertThat(passwords).as("generated passwords").isNotEmpty().allSatisfy(p -> assertThat(p).hasSizeGreaterThan(11));

        List<String> leaks = new ArrayList<>();
        for (String kind : List.of("v1/ConfigMap", "v1/Service", "v1/Pod", "v1/Event", "v1/PersistentVolumeClaim",
                "apps/v1/Deployment", "apps/v1/StatefulSet", "batch/v1/CronJob", "batch/v1/Job",
                "panstack.io/v1alpha1/PanStack")) {
            int slash = kind.lastIndexOf('/');
            for (GenericKubernetesResource object : cluster.admin.genericKubernetesResources(kind.substring(0, slash),
                    kind.substring(slash + 1)).inNamespace(namespace).list().getItems()) {
                String json = Serialization.asJson(object);
                passwords.stream().filter(json::contains)
                        .forEach(p -> leaks.add(kind + " " + object.getMetadata().getName()));
            }
        }
        String output = E2eCluster.allOperatorOutput();
        passwords.stream().filter(output::contains).forEach(p -> leaks.add("the operator's output"));
        assertThat(leaks).as("places a password appears in").isEmpty();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> reasons() {
        return cluster.admin.v1().events().inNamespace(namespace).list().getItems().stream().map(e -> e.getReason()).toList();
    }

    static List<Path> manifests(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "manifests", folder))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static List<String> comments(Path file, String key) throws IOException {
        Pattern comment = Pattern.compile("^#\\s*" + key + ":\\s*(.+?)\\s*$");
        return Files.readAllLines(file).stream().map(comment::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }
}
