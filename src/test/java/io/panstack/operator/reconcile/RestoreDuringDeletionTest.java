package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * A PanStack deleted while a restore Job replaces its repository: nothing goes until the Job has finished, so the
 * garbage collector never stops it halfway. An application of its own: the mock API server's watch does not survive
 * a status patch on an object being deleted (a real API server has no such trouble), so no other test may follow.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(RestoreDuringDeletionTest.OwnApplication.class)
@Tag(Tiers.RECONCILER)
class RestoreDuringDeletionTest {
    static final String FILE = "dashboard-20261129T020000Z.sql.gz";

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    KubernetesClient client;

    @Test
    void aStackDeletedDuringARestoreWaitsForItsRestoreJob() {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(client);
        cluster.create(BackupReconcilerTest.WITH_BACKUP);
        cluster.bringUp("demo");
        PanStackRestore restore = new PanStackRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName("to-sunday").withNamespace(cluster.namespace).build());
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack("demo");
        spec.setLocation(FILE);
        restore.setSpec(spec);
        client.resource(restore).create();
        cluster.finishJob(awaitJob(cluster, "demo-safety-"), true, "dump",
                "backup: file=/backup/dashboard-20261130T115900Z.sql.gz bytes=10 seconds=1 tables=6");
        Job apply = awaitJob(cluster, "demo-restore-");

        client.resource(cluster.get("demo")).delete();

        await().atMost(ClusterFixture.TIMEOUT).untilAsserted(() -> assertThat(cluster.get("demo").getStatus()
                .getConditions()).anySatisfy(c -> assertThat(c.getMessage()).contains("Waiting for the restore Job "
                        + apply.getMetadata().getName())));
        assertThat(cluster.get("demo").getMetadata().getFinalizers()).isNotEmpty();

        cluster.finishJob(apply, true, "restore", "restore: result=Restored source=" + FILE + " tables=6");

        await().atMost(ClusterFixture.TIMEOUT).until(() -> client.resources(PanStack.class)
                .inNamespace(cluster.namespace).withName("demo").get() == null);
    }

    static Job awaitJob(ClusterFixture cluster, String prefix) {
        return await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.list(Job.class).stream()
                .filter(j -> j.getMetadata().getName().startsWith(prefix)).findFirst(), Optional::isPresent).get();
    }
}
