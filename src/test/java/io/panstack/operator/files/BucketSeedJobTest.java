package io.panstack.operator.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.Defaults;
import io.panstack.operator.api.v1alpha1.FilesFolder;
import io.panstack.operator.kube.Placement;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.PiPaths;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The Job that seeds the files volume from the stack's bucket (panintelligence.md 3.3). */
@Tag(Tiers.UNIT)
class BucketSeedJobTest {
    static final Stack SEEDED = TestStacks.withSpec("""
            version: '2025_10.1'
            bucket: {}
            files:
              seedFromBucket:
                prefixes: [themes, images]
            """);

    static Job job(Stack stack) {
        return BucketSeedJob.desired(stack, "panstack-analytics-bi-0a1b2c3d", "eu-west-1");
    }

    static PodSpec pod(Stack stack) {
        return job(stack).getSpec().getTemplate().getSpec();
    }

    static Container container(Stack stack) {
        return pod(stack).getContainers().get(0);
    }

    @Test
    void theJobIsNamedAfterTheStackAndLabelledAsItsOwn() {
        Job job = job(SEEDED);

        assertThat(job.getMetadata().getName()).isEqualTo("bi-seed-files");
        assertThat(job.getMetadata().getNamespace()).isEqualTo(TestStacks.NAMESPACE);
        assertThat(job.getMetadata().getLabels()).containsEntry(StackLabels.MANAGED_BY, StackLabels.OPERATOR)
                .containsEntry(StackLabels.INSTANCE, "bi").containsEntry(StackLabels.COMPONENT, "seed-files");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(job.getMetadata().getLabels());
    }

    /** Failed runs stay for kubectl logs: no TTL, and the pods are not restarted in place. */
    @Test
    void aFailedRunIsRetriedTwiceAndKeptForInspection() {
        Job job = job(SEEDED);

        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
        assertThat(pod(SEEDED).getRestartPolicy()).isEqualTo("Never");
    }

    /** A pod that can never run (an image it cannot pull) fails the Job in the end, so the stack may still sleep. */
    @Test
    void aRunThatNeverEndsIsStoppedAfterSixHours() {
        assertThat(job(SEEDED).getSpec().getActiveDeadlineSeconds()).isEqualTo(6 * 3600L);
    }

    @Test
    void thePodMountsTheFilesClaimAndAScratchVolume() {
        PodSpec pod = pod(SEEDED);

        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("files", "stage");
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("bi-files");
        assertThat(pod.getVolumes().get(1).getEmptyDir()).isNotNull();
        assertThat(container(SEEDED).getVolumeMounts()).allSatisfy(mount -> assertThat(mount.getSubPath()).isNull());
    }

    @Test
    void theScriptRunsInTheAwsCliImageWithTheBucketPrefixesAndRegion() {
        Container container = container(SEEDED);
        Map<String, String> env = TestStacks.envByName(container.getEnv()).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getValue()));

        assertThat(container.getImage()).isEqualTo(Defaults.AWS_CLI_IMAGE).isEqualTo("amazon/aws-cli:2.17.0");
        // The image's entrypoint is aws: the script needs the shell named.
        assertThat(container.getCommand()).containsExactly("/bin/sh", "-c", BucketSeedJob.SCRIPT);
        assertThat(env).containsEntry("BUCKET", "panstack-analytics-bi-0a1b2c3d")
                .containsEntry("PREFIXES", "themes images").containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("VOLUME", container.getVolumeMounts().get(0).getMountPath())
                .containsEntry("STAGE", container.getVolumeMounts().get(1).getMountPath());
    }

    @Test
    void aPrefixListedTwiceIsSeededOnce() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                bucket: {}
                files:
                  seedFromBucket:
                    prefixes: [keys, custom_jdbc, keys]
                """);

        assertThat(env(stack, "PREFIXES")).isEqualTo("keys custom_jdbc");
    }

    @Test
    void withoutAnImageInTheSpecTheOperatorsAwsCliImageSeeds() {
        Stack mirrored = Stack.of(SEEDED.resource(), new io.panstack.operator.stack.JobImages(
                "registry.example.com/mirror/aws-cli:2.17.0", "mariadb:10.11"));
        assertThat(container(mirrored).getImage()).isEqualTo("registry.example.com/mirror/aws-cli:2.17.0");
    }

    @Test
    void serviceAccountAndImageAreTheSpecsWhenSet() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                bucket: {}
                files:
                  seedFromBucket:
                    prefixes: [svg]
                    serviceAccountName: bucket-reader
                    image: registry.example.com/mirror/aws-cli:2.17.0
                """);

        assertThat(pod(stack).getServiceAccountName()).isEqualTo("bucket-reader");
        assertThat(container(stack).getImage()).isEqualTo("registry.example.com/mirror/aws-cli:2.17.0");
    }

    @Test
    void withoutAServiceAccountThePodUsesTheStacksOwnNotTheNamespacesDefault() {
        assertThat(pod(SEEDED).getServiceAccountName()).isEqualTo(SEEDED.names().jobs());
    }

    @Test
    void thePodIsSecuredLikeThePiPods() {
        PodSpec pod = pod(SEEDED);

        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getSecurityContext()).isEqualTo(SecurityContexts.piPod());
        assertThat(container(SEEDED).getSecurityContext()).isEqualTo(SecurityContexts.piContainer());
        assertThat(container(SEEDED).getResources().getLimits()).containsKey("memory");
    }

    /** A ReadWriteOnce volume attaches to one node: the pod must run where the dashboard and scheduler use it. */
    @Test
    void onAReadWriteOnceVolumeThePodJoinsTheOthersNode() {
        PodSpec pod = pod(SEEDED);

        assertThat(pod.getAffinity()).isEqualTo(Placement.besideFilesVolume("bi-files"));
        assertThat(job(SEEDED).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(StackLabels.FILES_VOLUME, "bi-files");
    }

    @Test
    void onASharedVolumeThePodRunsAnywhere() {
        Stack shared = TestStacks.withSpec("""
                version: '2025_10.1'
                bucket: {}
                files:
                  persistentVolume: {accessMode: ReadWriteMany}
                  seedFromBucket:
                    prefixes: [themes]
                """);

        assertThat(pod(shared).getAffinity()).isNull();
    }

    /** The prefixes a user can choose are exactly the volume's folders. */
    @Test
    void everyFolderOfTheVolumeCanBeSeededAndNothingElse() {
        assertThat(Arrays.stream(FilesFolder.values()).map(FilesFolder::folder).toList())
                .containsExactlyElementsOf(PiPaths.VOLUME_FOLDERS);
    }

    private static String env(Stack stack, String name) {
        return container(stack).getEnv().stream().filter(v -> name.equals(v.getName())).map(EnvVar::getValue)
                .findFirst().orElseThrow();
    }

    /** The seeding Job writes the files volume beside the Pi pods: where the dashboard runs, with its own identity. */
    @Test
    void theSeedingJobRunsWhereTheDashboardDoes() {
        Stack seeded = TestStacks.withSpec("""
                version: '2025_10.1'
                bucket: {}
                files:
                  seedFromBucket: {prefixes: [themes]}
                scheduling:
                  nodeSelector: {pool: bi}
                  tolerations: [{key: dedicated, operator: Equal, value: bi, effect: NoSchedule}]
                  serviceAccountName: bi-pods
                dashboard:
                  scheduling:
                    nodeSelector: {pool: bi-web}
                """);

        io.fabric8.kubernetes.api.model.PodSpec seed = BucketSeedJob.desired(seeded, "b", "eu-west-1").getSpec()
                .getTemplate().getSpec();

        assertThat(seed.getNodeSelector()).containsEntry("pool", "bi-web");
        assertThat(seed.getTolerations()).hasSize(1);
        assertThat(seed.getServiceAccountName()).as("the Job's own identity").isNotEqualTo("bi-pods");
        assertThat(seed.getAffinity().getPodAffinity()).as("beside the ReadWriteOnce volume").isNotNull();
    }
}
