package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.LicenceSpec;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.Phase;
import io.panstack.operator.api.v1alpha1.SecretKeyReference;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class PanStackReconcilerTest {
    static final String MINIMAL = """
            apiVersion: panstack.io/v1alpha1
            kind: PanStack
            metadata:
              name: demo
            spec:
              version: "2023_11"
              registry: docker.io/panintelligence
            """;

    @Inject
    KubernetesClient client;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    @Test
    void minimalStackComesUpInOrderAndReportsReady() {
        cluster.create(MINIMAL);

        StatefulSet mariadb = cluster.awaitObject(StatefulSet.class, "demo-mariadb");
        cluster.awaitObject(Secret.class, "demo-db-credentials");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-files");
        cluster.awaitObject(Deployment.class, "demo-renderer");
        cluster.awaitObject(Deployment.class, "demo-analytics");
        cluster.awaitCondition("demo", "DatabaseReady", "False");
        assertThat(cluster.find(Deployment.class, "demo-dashboard")).as("dashboard waits for the database").isEmpty();
        assertThat(cluster.find(Deployment.class, "demo-scheduler")).as("scheduler waits for the database").isEmpty();

        cluster.markReady(mariadb);
        cluster.awaitObject(Deployment.class, "demo-dashboard");
        cluster.awaitObject(Deployment.class, "demo-scheduler");
        cluster.markAllDeploymentsReady();

        cluster.awaitCondition("demo", "Ready", "True");
        PanStack stack = cluster.get("demo");
        assertThat(stack.getStatus().getPhase()).isEqualTo(Phase.Ready);
        assertThat(stack.getStatus().getObservedGeneration()).isEqualTo(stack.getMetadata().getGeneration());
        assertThat(cluster.list(Service.class)).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder(
                "demo-mariadb", "demo-dashboard", "demo-renderer", "demo-scheduler", "demo-analytics");
        assertThat(cluster.list(Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "demo-dashboard", "demo-renderer", "demo-scheduler", "demo-analytics");
        List<String> conditions = stack.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).toList();
        assertThat(conditions).containsExactly("Ready=True", "Reconciling=False", "Stalled=False", "DatabaseReady=True",
                "FilesReady=True", "BackupHealthy=True", "BackupVerified=True", "WorkloadsReady=True");
    }

    @Test
    void suspendScalesPiToZeroAndBackKeepingTheDatabase() {
        cluster.create(MINIMAL);
        cluster.bringUp("demo");

        cluster.edit("demo", s -> s.getSpec().setSuspend(true));

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.list(Deployment.class).stream()
                .allMatch(d -> d.getSpec().getReplicas() == 0));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getPhase() == Phase.Suspended);
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getReason()).isEqualTo("Suspended");
        assertThat(cluster.find(StatefulSet.class, "demo-mariadb").orElseThrow().getSpec().getReplicas()).isEqualTo(1);

        cluster.edit("demo", s -> s.getSpec().setSuspend(false));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(Deployment.class, "demo-dashboard").orElseThrow()
                .getSpec().getReplicas() == 1);
    }

    @Test
    void anAutoscaledComponentsReplicasAreTheHpasThroughRollOutsAndSuspends() {
        cluster.create(MINIMAL + """
                  renderer:
                    autoscaling: {minReplicas: 2, maxReplicas: 5}
                """);
        cluster.bringUp("demo");

        HorizontalPodAutoscaler hpa = cluster.awaitObject(HorizontalPodAutoscaler.class, "demo-renderer");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("demo-renderer");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(replicas("demo-renderer")).as("made at the minimum").isEqualTo(2);

        // The HPA scales up; a later change of the stack rolls out without undoing it.
        client.resource(cluster.find(Deployment.class, "demo-renderer").orElseThrow()).edit(d -> {
            d.getSpec().setReplicas(4);
            return d;
        });
        cluster.edit("demo", s -> s.getSpec().getRenderer().setEnv(List.of(new EnvVar("TZ", "Europe/London", null))));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> "Europe/London".equals(cluster.env("demo-renderer").get("TZ")));
        assertThat(replicas("demo-renderer")).isEqualTo(4);

        cluster.edit("demo", s -> s.getSpec().setSuspend(true));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> replicas("demo-renderer") == 0);
        cluster.edit("demo", s -> s.getSpec().setSuspend(false));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> replicas("demo-renderer") == 2);

        cluster.edit("demo", s -> {
            s.getSpec().getRenderer().setAutoscaling(null);
            s.getSpec().getRenderer().setReplicas(3);
        });
        await().atMost(ClusterFixture.TIMEOUT).until(() -> replicas("demo-renderer") == 3
                && cluster.find(HorizontalPodAutoscaler.class, "demo-renderer").isEmpty());
    }

    @Test
    void replicasLeftUnsetAreLeftToWhoeverScalesTheDeployment() {
        cluster.create(MINIMAL);
        cluster.bringUp("demo");
        assertThat(replicas("demo-analytics")).isEqualTo(1);

        // e.g. the user's own HPA, or kubectl scale
        client.resource(cluster.find(Deployment.class, "demo-analytics").orElseThrow()).edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });
        cluster.edit("demo", s -> s.getSpec().getAnalytics().setEnv(List.of(new EnvVar("TZ", "UTC", null))));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> "UTC".equals(cluster.env("demo-analytics").get("TZ")));
        assertThat(replicas("demo-analytics")).isEqualTo(3);
        assertThat(cluster.find(HorizontalPodAutoscaler.class, "demo-analytics")).isEmpty();
    }

    private int replicas(String deployment) {
        return cluster.find(Deployment.class, deployment).orElseThrow().getSpec().getReplicas();
    }

    /** Awake only in an hour's window from two hours on: asleep now, whatever the time of day. */
    static io.panstack.operator.api.v1alpha1.HibernationSpec asleepNow() {
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        io.panstack.operator.api.v1alpha1.AwakeWindow window = new io.panstack.operator.api.v1alpha1.AwakeWindow();
        window.setFrom(now.plusHours(2).format(hhmm));
        window.setTo(now.plusHours(3).format(hhmm));
        io.panstack.operator.api.v1alpha1.HibernationSpec spec = new io.panstack.operator.api.v1alpha1.HibernationSpec();
        spec.setAwake(List.of(window));
        return spec;
    }

    @Test
    void outsideItsAwakeWindowsAStackSleepsWholeAndWakesDatabaseFirst() {
        cluster.create(MINIMAL + """
                  backup:
                    enabled: true
                """);
        cluster.bringUp("demo");

        cluster.edit("demo", s -> s.getSpec().setHibernation(asleepNow()));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getPhase() == Phase.Hibernating);
        PanStack asleep = cluster.get("demo");
        assertThat(asleep.getStatus().getHibernation().getState()).hasToString("Asleep");
        assertThat(asleep.getStatus().getHibernation().getNextWakeTime()).isNotNull();
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getReason()).isEqualTo("Hibernating");
        assertThat(cluster.list(Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isZero());
        StatefulSet mariadb = cluster.find(StatefulSet.class, "demo-mariadb").orElseThrow();
        assertThat(mariadb.getSpec().getReplicas()).as("MariaDB stopped, its volume kept").isZero();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-mariadb-data")).isPresent();
        assertThat(cluster.find(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "demo-backup").orElseThrow()
                .getSpec().getSuspend()).as("no backup against a stopped database").isTrue();
        assertThat(events()).contains("Hibernating");
        // What the StatefulSet controller does with zero replicas.
        client.resource(mariadb).editStatus(m -> {
            m.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(0)
                    .withReadyReplicas(0).withObservedGeneration(m.getMetadata().getGeneration()).build());
            return m;
        });

        cluster.edit("demo", s -> s.getSpec().setHibernation(null));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(StatefulSet.class, "demo-mariadb").orElseThrow()
                .getSpec().getReplicas() == 1);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getHibernation() != null
                && cluster.get("demo").getStatus().getHibernation().getState().toString().equals("Waking"));
        assertThat(cluster.list(Deployment.class)).as("Pi waits for the database")
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isZero());

        cluster.markReady(cluster.find(StatefulSet.class, "demo-mariadb").orElseThrow());
        await().atMost(ClusterFixture.TIMEOUT).until(() -> replicas("demo-dashboard") == 1);
        cluster.runControllersUntilReady("demo");
        assertThat(cluster.get("demo").getStatus().getHibernation()).as("gone with spec.hibernation").isNull();
        assertThat(cluster.find(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "demo-backup").orElseThrow()
                .getSpec().getSuspend()).isNotEqualTo(Boolean.TRUE);
        assertThat(events()).contains("WakingUp", "WokeUp");
    }

    private List<String> events() {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
    }

    @Test
    void specChangesAreRolledOut() {
        cluster.create(MINIMAL);
        cluster.bringUp("demo");

        cluster.edit("demo", s -> {
            s.getSpec().getBackup().setEnabled(false); // the wait for a safety backup: BackupReconcilerTest
            s.getSpec().setVersion("2024_08");
            s.getSpec().getAdminer().setEnabled(true);
            s.getSpec().getAnalytics().setEnabled(false);
            s.getSpec().getDashboard().getResources().getLimits().put("memory", new Quantity("4Gi"));
        });

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(cluster.image("demo-dashboard")).isEqualTo("docker.io/panintelligence/server:2024_08");
            assertThat(cluster.image("demo-scheduler")).isEqualTo("docker.io/panintelligence/scheduler:2024_08");
            assertThat(cluster.image("demo-renderer")).isEqualTo("docker.io/panintelligence/renderer:2024_08");
            assertThat(cluster.find(Deployment.class, "demo-adminer")).isPresent();
            assertThat(cluster.find(Service.class, "demo-adminer")).isPresent();
            assertThat(cluster.find(Deployment.class, "demo-analytics")).isEmpty();
            assertThat(cluster.find(Service.class, "demo-analytics")).isEmpty();
            assertThat(cluster.env("demo-dashboard")).containsEntry("PI_TOMCAT_MAX_MEMORY", "3072")
                    .doesNotContainKey("PI_VARIABLE_ANALYTICS_SERVER_URL");
        });
        PanStack stack = cluster.get("demo");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getObservedGeneration()
                .equals(stack.getMetadata().getGeneration()));
        assertThat(cluster.get("demo").getStatus().getComponents()).extracting(c -> c.getName())
                .containsExactly("mariadb", "dashboard", "renderer", "scheduler", "adminer");
    }

    @Test
    void aMissingLicenceSecretStallsTheStackAndChangesNothingThatRuns() {
        cluster.create(MINIMAL);
        cluster.bringUp("demo");

        cluster.edit("demo", s -> {
            s.getSpec().getBackup().setEnabled(false); // the wait for a safety backup: BackupReconcilerTest
            s.getSpec().setVersion("2024_08");
            var licence = new LicenceSpec();
            licence.setSecretKeyRef(new SecretKeyReference("pi-licence", "licence"));
            s.getSpec().setLicence(licence);
        });

        var stalled = cluster.awaitCondition("demo", "Stalled", "True");
        assertThat(stalled.getReason()).isEqualTo("LicenceSecretNotFound");
        assertThat(stalled.getMessage()).contains("pi-licence").contains("Create it");
        PanStack stack = cluster.get("demo");
        assertThat(stack.getStatus().getPhase()).isEqualTo(Phase.Failed);
        assertThat(stack.getStatus().getObservedGeneration()).isEqualTo(stack.getMetadata().getGeneration());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> cluster.image("demo-dashboard").endsWith(":2023_11"));
        assertThat(cluster.env("demo-dashboard")).doesNotContainKey("PI_LICENCE");

        cluster.createSecret("pi-licence", Map.of("licence", "ALM-KEY"));

        cluster.awaitCondition("demo", "Stalled", "False");
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(cluster.image("demo-dashboard")).endsWith(":2024_08");
            assertThat(cluster.env("demo-dashboard")).containsEntry("PI_LICENCE", "secret:pi-licence/licence");
        });
    }

    @Test
    void anExternalDatabaseIsUsedOnceItsLoginExists() {
        cluster.create(MINIMAL + """
                  database:
                    external:
                      host: db.example.com
                      port: 3307
                      credentialsSecretRef:
                        name: pi-db
                """);

        var stalled = cluster.awaitCondition("demo", "Stalled", "True");
        assertThat(stalled.getReason()).isEqualTo("DatabaseCredentialsSecretNotFound");
        assertThat(cluster.list(Deployment.class)).isEmpty();

        cluster.createSecret("pi-db", Map.of("username", "pi"));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> "DatabaseCredentialsKeyNotFound".equals(
                cluster.condition("demo", "Stalled").map(c -> c.getReason()).orElse("")));

        client.secrets().inNamespace(cluster.namespace).withName("pi-db").edit(s -> {
            s.getStringData().put("password", "secret");
            return s;
        });
        cluster.awaitObject(Deployment.class, "demo-dashboard");
        cluster.runControllersUntilReady("demo");

        assertThat(cluster.env("demo-dashboard")).containsEntry("PI_DB_HOST", "db.example.com")
                .containsEntry("PI_DB_PORT", "3307").containsEntry("PI_DB_PASSWORD", "secret:pi-db/password");
        assertThat(cluster.env("demo-scheduler")).containsEntry("PI_DB_USERNAME", "secret:pi-db/username");
        assertThat(cluster.list(StatefulSet.class)).isEmpty();
        assertThat(cluster.find(Secret.class, "demo-db-credentials")).isEmpty();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-mariadb-data")).isEmpty();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-files")).isPresent();
        assertThat(cluster.condition("demo", "DatabaseReady").orElseThrow().getReason()).isEqualTo("ExternalDatabaseConfigured");
    }

    @Test
    void severalDashboardsGetADisruptionBudgetAndAnIngressWithStickySessions() {
        cluster.create(MINIMAL + """
                  externalUrl: https://bi.example.com
                  ingress:
                    enabled: true
                    className: nginx
                    tlsSecretName: bi-tls
                  dashboard:
                    replicas: 2
                  files:
                    persistentVolume:
                      accessMode: ReadWriteMany
                """);
        cluster.bringUp("demo");

        assertThat(cluster.find(PodDisruptionBudget.class, "demo-dashboard")).get()
                .satisfies(pdb -> assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1));
        Ingress ingress = cluster.awaitObject(Ingress.class, "demo");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getSecretName()).isEqualTo("bi-tls"));
        assertThat(cluster.env("demo-dashboard")).containsEntry("PI_PROXY_HOST", "bi.example.com")
                .containsEntry("PI_TOMCAT_COOKIE_SECURE", "true");
        assertThat(cluster.get("demo").getStatus().getUrl()).isEqualTo("https://bi.example.com/pi");

        cluster.edit("demo", s -> {
            s.getSpec().getDashboard().setReplicas(1);
            s.getSpec().getIngress().setEnabled(false);
        });
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(cluster.find(PodDisruptionBudget.class, "demo-dashboard")).isEmpty();
            assertThat(cluster.find(Ingress.class, "demo")).isEmpty();
        });
    }

    @Test
    void eachComponentIsIsolatedByItsOwnNetworkPolicyUntilTurnedOff() {
        cluster.create(MINIMAL + """
                  networkPolicy:
                    dashboardFrom:
                      - namespace: ingress-nginx
                """);
        cluster.bringUp("demo");

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(cluster.list(NetworkPolicy.class))
                .extracting(policy -> policy.getMetadata().getName())
                .containsExactlyInAnyOrder("demo-dashboard", "demo-renderer", "demo-scheduler", "demo-analytics",
                        "demo-mariadb"));
        NetworkPolicy dashboard = cluster.find(NetworkPolicy.class, "demo-dashboard").orElseThrow();
        assertThat(dashboard.getSpec().getIngress()).filteredOn(rule -> !rule.getPorts().isEmpty()).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).singleElement()
                        .satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .containsEntry("kubernetes.io/metadata.name", "ingress-nginx")));

        cluster.edit("demo", s -> s.getSpec().getNetworkPolicy().setEnabled(false));
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(cluster.list(NetworkPolicy.class)).isEmpty());
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getStatus()).isEqualTo("True");
    }

    @Test
    void moreThanOneDashboardOnAReadWriteOnceVolumeIsRefused() {
        // The schema refuses this at admission; the operator also refuses it if it gets through (older CRD, mock).
        cluster.create(MINIMAL + """
                  dashboard:
                    replicas: 2
                """);
        assertThat(cluster.awaitCondition("demo", "Stalled", "True").getReason()).isEqualTo("SharedFilesRequired");
        assertThat(cluster.list(PersistentVolumeClaim.class)).isEmpty();
    }

    @Test
    void problemsOnPodsAppearInStatus() {
        cluster.create(MINIMAL);
        cluster.bringUp("demo");

        client.resource(new PodBuilder().withNewMetadata().withName("demo-renderer-abc").withNamespace(cluster.namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "panstack-operator", "app.kubernetes.io/instance", "demo",
                        "app.kubernetes.io/component", "renderer"))
                .endMetadata().withNewSpec().addNewContainer().withName("renderer").withImage("x").endContainer().endSpec()
                .build()).create();
        Pod pod = client.pods().inNamespace(cluster.namespace).withName("demo-renderer-abc").get();
        pod.setStatus(new PodStatusBuilder().addNewContainerStatus().withName("renderer").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"x\"").endWaiting().endState()
                .endContainerStatus().build());
        client.resource(pod).updateStatus();
        // What the Deployment controller then reports: the pod is not ready.
        cluster.markNotReady(cluster.find(Deployment.class, "demo-renderer").orElseThrow());

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getPhase() == Phase.Degraded);
        PanStack stack = cluster.get("demo");
        assertThat(cluster.condition("demo", "WorkloadsReady").orElseThrow().getMessage())
                .contains("renderer 0/1 ready").contains("ImagePullBackOff");
        assertThat(cluster.condition("demo", "Ready").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(stack.getStatus().getComponents()).filteredOn(c -> c.getName().equals("renderer")).singleElement()
                .satisfies(c -> assertThat(c.getMessage()).contains("ImagePullBackOff"));
    }

    @Test
    void statusIsOnlyWrittenWhenItChanges() {
        cluster.create(MINIMAL);
        cluster.bringUp("demo");
        String version = cluster.get("demo").getMetadata().getResourceVersion();

        // An event on a child makes the operator reconcile; with nothing changed, it must not write status.
        client.services().inNamespace(cluster.namespace).withName("demo-renderer")
                .edit(s -> new ServiceBuilder(s).editMetadata().addToAnnotations("touched", "yes").endMetadata().build());

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> cluster.get("demo").getMetadata().getResourceVersion().equals(version));
    }
}
