package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/** The database volume, its credentials and the files volume survive everything but an explicit Delete policy. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class DataSafetyTest {
    static final Duration QUIET = Duration.ofSeconds(3);

    @Inject
    KubernetesClient client;

    ClusterFixture cluster;

    @BeforeEach
    void namespace() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    @Test
    void aSwitchFromDeleteToRetainJustBeforeTheDeletionKeepsTheData() {
        cluster.create(PanStackReconcilerTest.MINIMAL.replace("spec:\n", "spec:\n  deletionPolicy: Delete\n"));
        cluster.bringUp("demo");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> !cluster.awaitObject(PersistentVolumeClaim.class, "demo-files")
                .getMetadata().getOwnerReferences().isEmpty());
        PanStack stack = cluster.get("demo");
        String uid = stack.getMetadata().getUid();

        // The change and the deletion reach the operator as one event, with no reconcile between them: the
        // finalizer is the last chance to act on the policy the user chose.
        stack.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        stack.getMetadata().setDeletionTimestamp(java.time.Instant.now().toString());
        client.resource(stack).update();
        cluster.collectGarbageOnceGone("demo", uid);

        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-files")).isPresent();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-mariadb-data")).isPresent();
        assertThat(cluster.find(Secret.class, "demo-db-credentials")).isPresent();
    }

    @Test
    void deleteKeepsABackupVolumeLeftFromBeforeUnlessRecoveryPointsGoToo() {
        PanStack stack = cluster.create(PanStackReconcilerTest.MINIMAL.replace("spec:\n",
                "spec:\n  deletionPolicy: Delete\n  backup: {enabled: false}\n"));
        cluster.bringUp("demo");
        // A backup volume from when backups went to a volume, owned by the PanStack as an older operator left it.
        client.persistentVolumeClaims().inNamespace(cluster.namespace).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("demo-backups")
                .withLabels(Map.of("app.kubernetes.io/managed-by", "panstack-operator", "app.kubernetes.io/instance", "demo"))
                .addNewOwnerReference().withApiVersion(stack.getApiVersion()).withKind("PanStack").withName("demo")
                .withUid(stack.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();

        cluster.deleteWithGarbageCollection("demo");

        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-backups")).as("the last recovery point").isPresent();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-files")).as("deleted as asked").isEmpty();
    }

    @Test
    void theVolumesOfTheDataOutliveADeletedNamespaceUnlessTheStackSaysDelete() {
        cluster.create(PanStackReconcilerTest.MINIMAL); // deletionPolicy Retain
        cluster.bringUp("demo");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-files");
        // The mock runs no volume controller: bind the claim as a provisioner would, to a volume that its
        // storage class would delete with the claim (and deleting the namespace deletes the claim).
        String volume = "pvc-" + cluster.namespace + "-files";
        String claimUid = cluster.find(PersistentVolumeClaim.class, "demo-files").orElseThrow().getMetadata().getUid();
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(volume).endMetadata()
                .withNewSpec().withPersistentVolumeReclaimPolicy("Delete").addToCapacity("storage", new Quantity("5Gi"))
                .withAccessModes("ReadWriteOnce").withNewClaimRef().withNamespace(cluster.namespace).withName("demo-files")
                .withUid(claimUid).endClaimRef().endSpec().build()).create();
        // A volume the claim names but that is bound to someone else's claim is never touched.
        String foreign = "pvc-" + cluster.namespace + "-not-ours";
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(foreign).endMetadata()
                .withNewSpec().withPersistentVolumeReclaimPolicy("Delete").addToCapacity("storage", new Quantity("5Gi"))
                .withAccessModes("ReadWriteOnce").withNewClaimRef().withNamespace("elsewhere").withName("data")
                .withUid("another-uid").endClaimRef().endSpec().build()).create();
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data");
        client.persistentVolumeClaims().inNamespace(cluster.namespace).withName("demo-mariadb-data").edit(claim -> {
            claim.getSpec().setVolumeName(foreign);
            return claim;
        });
        client.persistentVolumeClaims().inNamespace(cluster.namespace).withName("demo-files").edit(claim -> {
            claim.getSpec().setVolumeName(volume);
            return claim;
        });

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(client.persistentVolumes().withName(volume)
                .get().getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain"));
        assertThat(client.persistentVolumes().withName(volume).get().getMetadata().getAnnotations())
                .containsEntry("panstack.io/original-reclaim-policy", "Delete");
        assertThat(client.persistentVolumes().withName(foreign).get().getSpec().getPersistentVolumeReclaimPolicy())
                .as("bound to another claim").isEqualTo("Delete");
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(cluster.get("demo").getStatus().getFiles()
                .getVolumeName()).as("where to find the data after a namespace deletion").isEqualTo(volume));

        cluster.edit("demo", s -> s.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(client.persistentVolumes().withName(volume)
                .get().getSpec().getPersistentVolumeReclaimPolicy()).as("what the user asked for: deleted with the claim")
                .isEqualTo("Delete"));
        client.persistentVolumes().withName(volume).delete();
        client.persistentVolumes().withName(foreign).delete();
    }

    @Test
    void everyChildIsOwnedButTheDataIsRetainedAndReusedByDefault() {
        PanStack stack = cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");
        String uid = stack.getMetadata().getUid();

        for (Class<? extends HasMetadata> type : new Class[] { Deployment.class, StatefulSet.class, Service.class }) {
            assertThat(cluster.list(type)).isNotEmpty().allSatisfy(child -> {
                assertThat(child.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(uid));
                assertThat(child.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "panstack-operator")
                        .containsEntry("app.kubernetes.io/instance", "demo");
            });
        }
        Secret credentials = cluster.awaitObject(Secret.class, "demo-db-credentials");
        for (HasMetadata data : new HasMetadata[] { credentials,
                cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data"),
                cluster.awaitObject(PersistentVolumeClaim.class, "demo-files") }) {
            assertThat(data.getMetadata().getOwnerReferences()).as(data.getMetadata().getName()).isEmpty();
            assertThat(data.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "demo");
        }

        cluster.deleteWithGarbageCollection("demo");

        assertThat(cluster.list(Deployment.class)).isEmpty();
        assertThat(cluster.list(StatefulSet.class)).isEmpty();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-mariadb-data")).isPresent();
        assertThat(cluster.find(PersistentVolumeClaim.class, "demo-files")).isPresent();
        assertThat(cluster.find(Secret.class, "demo-db-credentials")).isPresent();

        // A PanStack of the same name takes the retained data back, with the same passwords.
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");
        assertThat(cluster.condition("demo", "Stalled").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(cluster.find(Secret.class, "demo-db-credentials").orElseThrow().getData())
                .isEqualTo(credentials.getData());
    }

    @Test
    void deletePolicyHandsTheDataToTheGarbageCollectorAndRetainTakesItBack() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-files");

        cluster.edit("demo", s -> s.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> {
            for (String claim : new String[] { "demo-files", "demo-mariadb-data" }) {
                assertThat(cluster.find(PersistentVolumeClaim.class, claim).orElseThrow().getMetadata().getOwnerReferences())
                        .singleElement().satisfies(ref -> assertThat(ref.getKind()).isEqualTo("PanStack"));
            }
            assertThat(cluster.find(Secret.class, "demo-db-credentials").orElseThrow().getMetadata().getOwnerReferences())
                    .hasSize(1);
        });

        cluster.edit("demo", s -> s.getSpec().setDeletionPolicy(DeletionPolicy.Retain));
        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(
                cluster.find(PersistentVolumeClaim.class, "demo-files").orElseThrow().getMetadata().getOwnerReferences()).isEmpty());

        cluster.edit("demo", s -> s.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> !cluster.find(Secret.class, "demo-db-credentials").orElseThrow()
                .getMetadata().getOwnerReferences().isEmpty());
        cluster.deleteWithGarbageCollection("demo");
        assertThat(cluster.list(PersistentVolumeClaim.class)).extracting(c -> c.getMetadata().getName())
                .as("the backup volume is the last recovery point: kept without deleteRecoveryPoints")
                .containsExactly("demo-backups");
        assertThat(cluster.find(Secret.class, "demo-db-credentials")).isEmpty();
    }

    @Test
    void volumesGrowButNeverShrink() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data");
        cluster.bind("demo-mariadb-data");

        cluster.edit("demo", s -> {
            s.getSpec().getDatabase().setInCluster(new io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec());
            s.getSpec().getDatabase().getInCluster().getStorage().setSize("30Gi");
        });
        await().atMost(ClusterFixture.TIMEOUT).until(() -> size("demo-mariadb-data").equals(new Quantity("30Gi")));

        cluster.edit("demo", s -> s.getSpec().getDatabase().getInCluster().getStorage().setSize("10Gi"));
        var stalled = cluster.awaitCondition("demo", "Stalled", "True");
        assertThat(stalled.getReason()).isEqualTo("VolumeShrinkRefused");
        assertThat(stalled.getMessage()).contains("demo-mariadb-data").contains("30Gi");
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> size("demo-mariadb-data").equals(new Quantity("30Gi")));
    }

    @Test
    void aClaimNotYetBoundGrowsOnceBoundAndStallsNothingMeanwhile() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data");
        String before = cluster.find(PersistentVolumeClaim.class, "demo-mariadb-data").orElseThrow().getMetadata()
                .getResourceVersion();

        // Pending (e.g. a WaitForFirstConsumer storage class): Kubernetes would refuse a larger request.
        cluster.edit("demo", s -> {
            s.getSpec().getDatabase().setInCluster(new io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec());
            s.getSpec().getDatabase().getInCluster().getStorage().setSize("30Gi");
        });
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> cluster.find(PersistentVolumeClaim.class,
                "demo-mariadb-data").orElseThrow().getMetadata().getResourceVersion().equals(before));
        assertThat(cluster.get("demo").getStatus().getConditions()).noneSatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Stalled");
            assertThat(c.getStatus()).isEqualTo("True");
        });

        cluster.bind("demo-mariadb-data");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> size("demo-mariadb-data").equals(new Quantity("30Gi")));
    }

    @Test
    void lostCredentialsAreNeverRegenerated() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        Secret credentials = cluster.awaitObject(Secret.class, "demo-db-credentials");
        cluster.awaitObject(PersistentVolumeClaim.class, "demo-mariadb-data");
        cluster.awaitCondition("demo", "Stalled", "False");

        client.resource(credentials).delete();

        var stalled = cluster.awaitCondition("demo", "Stalled", "True");
        assertThat(stalled.getReason()).isEqualTo("DatabaseCredentialsLost");
        assertThat(stalled.getMessage()).contains("demo-db-credentials").contains("restore");
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> cluster.find(Secret.class, "demo-db-credentials").isEmpty());
    }

    @Test
    void objectsTheOperatorDidNotCreateAreLeftAlone() {
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("demo-files")
                .withNamespace(cluster.namespace).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();

        cluster.create(PanStackReconcilerTest.MINIMAL);

        var stalled = cluster.awaitCondition("demo", "Stalled", "True");
        assertThat(stalled.getReason()).isEqualTo("NameConflict");
        assertThat(stalled.getMessage()).contains("PersistentVolumeClaim demo-files");
        PersistentVolumeClaim untouched = cluster.find(PersistentVolumeClaim.class, "demo-files").orElseThrow();
        assertThat(untouched.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(untouched.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(size("demo-files")).isEqualTo(new Quantity("1Gi"));
        assertThat(cluster.list(Deployment.class)).as("nothing started while stalled").isEmpty();
    }

    /**
     * The hand-over the NameConflict message offers: an object labelled for the stack, which the stack's informers
     * do not count among its children (no owner reference), is replaced whole as the stack's own child, not created
     * again (a create is refused with 409, by a real API server and by the mock alike).
     */
    @Test
    void aChildHandedOverByItsLabelsIsTakenOver() {
        client.resource(new io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder().withNewMetadata()
                .withName("demo-backup").withNamespace(cluster.namespace)
                .addToLabels("app.kubernetes.io/managed-by", "panstack-operator")
                .addToLabels("app.kubernetes.io/instance", "demo").endMetadata().withNewSpec()
                .withSchedule("30 1 * * *").withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("mine").withImage("team/backup:1").endContainer().withRestartPolicy("Never")
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build()).create();

        cluster.create(PanStackReconcilerTest.MINIMAL);

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(
                io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "demo-backup").orElseThrow().getSpec()
                .getSchedule().equals("0 2 * * *"));
        var taken = cluster.find(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "demo-backup").orElseThrow();
        assertThat(taken.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("demo"));
        assertThat(taken.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers())
                .as("replaced whole: nothing of the earlier writer's kept").extracting(c -> c.getName())
                .doesNotContain("mine");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.condition("demo", "Reconciling")
                .map(c -> !"ReconcileError".equals(c.getReason())).orElse(false));

        // Counted among the stack's children from then on: another pass leaves it alone.
        cluster.edit("demo", s -> s.getSpec().getRenderer().setReplicas(2));
        await().atMost(ClusterFixture.TIMEOUT).until(() -> Long.valueOf(2).equals(cluster.get("demo").getStatus()
                .getObservedGeneration()));
        assertThat(cluster.find(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "demo-backup").orElseThrow()
                .getMetadata().getResourceVersion()).isEqualTo(taken.getMetadata().getResourceVersion());
    }

    /** A team's own backup CronJob from before backups were on by default: not overwritten by the operator's. */
    @Test
    void aChildOfTheSameNameThatIsNotTheStacksIsNeverTakenOver() {
        client.resource(new io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder().withNewMetadata()
                .withName("demo-backup").withNamespace(cluster.namespace).endMetadata().withNewSpec()
                .withSchedule("30 1 * * *").withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("mine").withImage("team/backup:1").endContainer().withRestartPolicy("Never")
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build()).create();

        cluster.create(PanStackReconcilerTest.MINIMAL);

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.condition("demo", "Reconciling")
                .map(c -> c.getMessage().contains("CronJob demo-backup already exists")).orElse(false));
        var mine = cluster.find(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "demo-backup").orElseThrow();
        assertThat(mine.getSpec().getSchedule()).isEqualTo("30 1 * * *");
        assertThat(mine.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(mine.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getImage()).containsExactly("team/backup:1");
    }

    @Test
    void theDatabaseModeCannotBeSwitchedUnderARunningStack() {
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");
        cluster.createSecret("other-db", Map.of("username", "u", "password", "p"));

        cluster.edit("demo", s -> {
            var external = new io.panstack.operator.api.v1alpha1.ExternalDatabaseSpec();
            external.setHost("db.example.com");
            external.setCredentialsSecretRef(new io.panstack.operator.api.v1alpha1.SecretReference("other-db"));
            s.getSpec().getDatabase().setExternal(external);
        });

        assertThat(cluster.awaitCondition("demo", "Stalled", "True").getReason()).isEqualTo("DatabaseModeChanged");
        assertThat(cluster.find(StatefulSet.class, "demo-mariadb")).isPresent();
        assertThat(cluster.env("demo-dashboard")).containsEntry("PI_DB_HOST", "demo-mariadb");
        assertThat(cluster.get("demo").getStatus().getDatabase().getHost()).isEqualTo("demo-mariadb");
    }

    private Quantity size(String claim) {
        return cluster.find(PersistentVolumeClaim.class, claim).orElseThrow().getSpec().getResources().getRequests().get("storage");
    }
}
