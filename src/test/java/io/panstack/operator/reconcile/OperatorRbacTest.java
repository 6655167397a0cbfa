package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.DeployedRbac.Access;
import io.panstack.operator.testsupport.DeployedRbac;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.QuarkusMoto;
import io.panstack.operator.testsupport.RbacEnforcingDispatcher;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * The operator must work with exactly the permissions in deploy/base/rbac.yaml: the (mock) API server refuses every
 * request those rules do not allow, as a real one would, while stacks run through their life; and every request the
 * operator sent is checked against them afterwards.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = RbacEnforcingDispatcher.Setup.class)
@QuarkusTestResource(MotoServer.class)
@Tag(Tiers.RECONCILER)
class OperatorRbacTest {
    static final String TEST_AGENT = RbacEnforcingDispatcher.TEST_AGENT;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient operatorClient;

    @Test
    void everyRequestTheOperatorSendsIsAllowedByTheDeployedRbac() throws Exception {
        // Informers list and watch from the start; earlier requests are otherwise left out, as other tests'
        // clients share the operator's user agent.
        List<RecordedRequest> startup = recordedRequests().stream()
                .filter(r -> r.getMethod().equals("GET") && r.getPath().contains("labelSelector=")).toList();
        KubernetesClient tests = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(operatorClient.getConfiguration()).withUserAgent(TEST_AGENT).build()).build();
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(tests);
        runThroughALife(cluster);

        List<RecordedRequest> requests = new ArrayList<>(startup);
        recordedRequests().stream().filter(r -> !TEST_AGENT.equals(r.getHeader("User-Agent"))).forEach(requests::add);
        DeployedRbac rbac = DeployedRbac.load(operatorClient.getNamespace());
        List<Access> accesses = requests.stream().map(r -> Access.of(r.getMethod(), r.getPath()))
                .filter(Objects::nonNull)
                // The test profile applies the CRD to the mock server; in production the CRD comes with deploy/.
                .filter(a -> !a.group().equals("apiextensions.k8s.io")).toList();

        assertThat(RbacEnforcingDispatcher.Setup.installed().refused()).as("requests the API server refused under deploy/base/rbac.yaml")
                .isEmpty();
        assertThat(accesses).as("requests the operator sent").hasSizeGreaterThan(50);
        assertThat(accesses).filteredOn(a -> !rbac.allows(a)).as("requests deploy/base/rbac.yaml would refuse").isEmpty();
        assertThat(accesses).extracting(Access::verb).contains("watch", "create", "patch", "delete", "get");
        assertThat(accesses).as("the operator never deletes data or the database")
                .filteredOn(a -> a.verb().startsWith("delete"))
                .extracting(Access::resource).doesNotContain("secrets", "persistentvolumeclaims", "statefulsets");
    }

    /** Create, change (every kind of child), stall, recover: the requests a real cluster would see. */
    private static void runThroughALife(ClusterFixture cluster) {
        cluster.create(PanStackReconcilerTest.MINIMAL + """
                  externalUrl: https://bi.example.com
                  ingress:
                    enabled: true
                  dashboard:
                    replicas: 2
                  files:
                    persistentVolume:
                      accessMode: ReadWriteMany
                """);
        cluster.bringUp("demo");
        cluster.awaitObject(PodDisruptionBudget.class, "demo-dashboard");
        cluster.edit("demo", s -> {
            s.getSpec().setVersion("2024_08");
            s.getSpec().getAdminer().setEnabled(true);
            s.getSpec().getAnalytics().setEnabled(false);
            s.getSpec().getDashboard().setReplicas(1);
            s.getSpec().getIngress().setEnabled(false);
            s.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
            s.getSpec().getFiles().getPersistentVolume().setSize("8Gi");
        });
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            assertThat(cluster.find(Deployment.class, "demo-analytics")).isEmpty();
            assertThat(cluster.find(Ingress.class, "demo")).isEmpty();
            assertThat(cluster.find(PodDisruptionBudget.class, "demo-dashboard")).isEmpty();
            assertThat(cluster.find(PersistentVolumeClaim.class, "demo-files").orElseThrow().getSpec().getResources()
                    .getRequests().get("storage")).isEqualTo(new Quantity("8Gi"));
        });
        cluster.edit("demo", s -> s.getSpec().setDeletionPolicy(DeletionPolicy.Retain));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(PersistentVolumeClaim.class, "demo-files")
                .orElseThrow().getMetadata().getOwnerReferences().isEmpty());

        cluster.create(PanStackReconcilerTest.MINIMAL.replace("name: demo", "name: ext") + """
                  database:
                    external:
                      host: db.example.com
                      credentialsSecretRef:
                        name: ext-db
                """);
        cluster.awaitCondition("ext", "Stalled", "True");
        cluster.createSecret("ext-db", Map.of("username", "u", "password", "p"));
        cluster.awaitObject(Deployment.class, "ext-dashboard");

        // An AWS stack (RDS, EFS, bucket in moto) with backups: finalizer, EFS PersistentVolume, seeding and backup
        // Jobs, the backup CronJob, events, release on deletion.
        String subnets = String.join(", ", QuarkusMoto.network().subnetIds());
        PanStack aws = cluster.create(PanStackReconcilerTest.MINIMAL.replace("name: demo", "name: cloud") + """
                  deletionPolicy: Delete
                  database:
                    rds:
                      subnetIds: [%s]
                  files:
                    efs:
                      subnetIds: [%s]
                    seedFromBucket:
                      prefixes: [themes]
                  bucket: {}
                  backup: {}
                """.formatted(subnets, subnets));
        cluster.runControllersUntilReady("cloud");
        cluster.awaitObject(Job.class, "cloud-seed-files");
        cluster.awaitObject(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "cloud-backup");
        cluster.edit("cloud", s -> s.getMetadata().setAnnotations(Map.of(Backups.BACKUP_NOW, "now")));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.list(Job.class).stream()
                .anyMatch(j -> j.getMetadata().getName().startsWith("cloud-backup-now-")));
        cluster.delete(aws);
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("cloud") == null);
    }

    private List<RecordedRequest> recordedRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }
}
