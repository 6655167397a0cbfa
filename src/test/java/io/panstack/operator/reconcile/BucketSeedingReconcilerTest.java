package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.FilesFolder;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.QuarkusMoto;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Seeding the files volume from the stack's bucket, with the real operator: the mock API server for Kubernetes (this
 * test plays the Job controller), moto for S3.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(MotoServer.class)
@Tag(Tiers.RECONCILER)
class BucketSeedingReconcilerTest {
    static final String JOB = "bi-seed-files";
    static final String STACK = """
            apiVersion: panstack.io/v1alpha1
            kind: PanStack
            metadata:
              name: bi
            spec:
              version: "2025_10.1"
              bucket: {}
              files:
                seedFromBucket:
                  prefixes: [themes, images]
                  serviceAccountName: bucket-reader
              aws:
                region: eu-west-1
            """;

    @Inject
    KubernetesClient client;

    ClusterFixture cluster;

    @BeforeEach
    void setUp() {
        cluster = ClusterFixture.inFreshNamespace(client);
    }

    @Test
    void theJobIsCreatedOnceTheBucketIsReady() {
        Job job = createAndAwaitJob();

        PanStack stack = cluster.get("bi");
        String bucket = stack.getStatus().getBucket().getName();
        try (S3Client s3 = QuarkusMoto.client(S3Client.builder().forcePathStyle(true))) {
            s3.headBucket(r -> r.bucket(bucket));
        }
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(stack.getMetadata().getUid()));
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("bucket-reader");
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("BUCKET");
            assertThat(env.getValue()).isEqualTo(bucket);
        });
    }

    @Test
    void aSucceededJobIsRecordedAndNeverRunAgain() {
        Job job = createAndAwaitJob();
        String bucket = cluster.get("bi").getStatus().getBucket().getName();

        report(job, new JobStatusBuilder().withSucceeded(1).withStartTime("2026-01-02T03:00:00Z")
                .withCompletionTime("2026-01-02T03:04:05Z")
                .addNewCondition().withType("Complete").withStatus("True").endCondition().build());

        await().atMost(ClusterFixture.TIMEOUT).until(() -> "2026-01-02T03:04:05Z".equals(seededAt()));
        assertThat(cluster.get("bi").getStatus().getFiles().getSeededFrom())
                .isEqualTo("s3://" + bucket + "/{themes,images}");
        assertThat(filesReady().getStatus()).isEqualTo("True");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> !events("FilesSeeded").isEmpty());
        assertThat(events("FilesSeeded")).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Normal"));

        client.resource(cluster.find(Job.class, JOB).orElseThrow()).delete();
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.find(Job.class, JOB).isEmpty());
        PanStack changed = cluster.edit("bi",
                s -> s.getSpec().getFiles().getSeedFromBucket().setPrefixes(List.of(FilesFolder.SVG)));
        awaitObserved(changed.getMetadata().getGeneration());
        AwsStackReconcilerTest.sleep(1_000);

        assertThat(cluster.find(Job.class, JOB)).as("never created again").isEmpty();
        assertThat(seededAt()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(cluster.get("bi").getStatus().getFiles().getSeededFrom())
                .as("what was seeded, not what the spec now says").isEqualTo("s3://" + bucket + "/{themes,images}");
    }

    @Test
    void aFailedJobIsReportedOnceAndTheFilesStayUsable() {
        Job job = createAndAwaitJob();

        report(job, new JobStatusBuilder().withFailed(3).addNewCondition().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").endCondition().build());

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.condition("bi", "FilesReady")
                .map(c -> c.getMessage().contains("kubectl logs job/" + JOB)).orElse(false));
        assertThat(filesReady().getStatus()).isEqualTo("True");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> !events("FilesSeedFailed").isEmpty());
        // More reconciles: the failure stays reported in status, but the Event is not repeated.
        PanStack changed = cluster.edit("bi", s -> s.getSpec().getRenderer().setReplicas(2));
        awaitObserved(changed.getMetadata().getGeneration());
        AwsStackReconcilerTest.sleep(1_000);

        assertThat(events("FilesSeedFailed")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains(JOB).contains("kubectl logs job/" + JOB);
        });
        assertThat(filesReady().getMessage()).contains("kubectl logs job/" + JOB);
        assertThat(cluster.find(Job.class, JOB).orElseThrow().getMetadata().getUid())
                .as("a failed Job stays for inspection").isEqualTo(job.getMetadata().getUid());
        assertThat(seededAt()).isNull();
    }

    @Test
    void piDoesNotWaitForSeeding() {
        createAndAwaitJob();

        cluster.runControllersUntilReady("bi");

        assertThat(cluster.find(Job.class, JOB).orElseThrow().getStatus()).as("still running")
                .satisfiesAnyOf(status -> assertThat(status).isNull(),
                        status -> assertThat(status.getSucceeded()).isNull());
        assertThat(filesReady().getMessage()).contains("runs in Job " + JOB);
    }

    @Test
    void aStackThatDoesNotAskGetsNoJob() {
        String withoutSeeding = STACK.replace("""
                  files:
                    seedFromBucket:
                      prefixes: [themes, images]
                      serviceAccountName: bucket-reader
                """, "");
        assertThat(withoutSeeding).doesNotContain("seedFromBucket");
        cluster.create(withoutSeeding);
        cluster.awaitCondition("bi", "BucketReady", "True");
        AwsStackReconcilerTest.sleep(1_000);

        assertThat(cluster.find(Job.class, JOB)).isEmpty();
        assertThat(cluster.get("bi").getStatus().getFiles().getSeededAt()).isNull();
    }

    Job createAndAwaitJob() {
        cluster.create(STACK);
        cluster.awaitCondition("bi", "BucketReady", "True");
        return cluster.awaitObject(Job.class, JOB);
    }

    /** What the Job controller reports. */
    void report(Job job, JobStatus status) {
        Job current = client.resource(job).get();
        current.setStatus(status);
        client.resource(current).updateStatus();
    }

    void awaitObserved(long generation) {
        await().atMost(ClusterFixture.TIMEOUT).until(() -> {
            PanStack stack = cluster.get("bi");
            return stack.getStatus() != null && Objects.equals(stack.getStatus().getObservedGeneration(), generation);
        });
    }

    String seededAt() {
        PanStack stack = cluster.get("bi");
        return stack.getStatus() == null || stack.getStatus().getFiles() == null ? null
                : stack.getStatus().getFiles().getSeededAt();
    }

    Condition filesReady() {
        return cluster.condition("bi", "FilesReady").orElseThrow();
    }

    List<Event> events(String reason) {
        return client.v1().events().inNamespace(cluster.namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }
}
