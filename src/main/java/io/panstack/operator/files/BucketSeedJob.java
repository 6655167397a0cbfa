package io.panstack.operator.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.panstack.operator.api.v1alpha1.FilesFolder;
import io.panstack.operator.api.v1alpha1.FilesSpec;
import io.panstack.operator.api.v1alpha1.SchedulingSpec;
import io.panstack.operator.api.v1alpha1.SeedFromBucketSpec;
import io.panstack.operator.kube.JobPods;
import io.panstack.operator.kube.JobServiceAccount;
import io.panstack.operator.kube.Placement;
import io.panstack.operator.kube.PodScheduling;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.kube.ShellScript;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The Job that seeds the files volume from folders of the stack's bucket, once (the vendor's S3-to-EFS side loader,
 * panintelligence.md 3.3, without its overwriting). The script, seed-from-bucket.sh, downloads into a scratch
 * volume and copies only what the files volume lacks; a marker on the volume stops any later run. Pure.
 */
final class BucketSeedJob {
    static final String BUCKET_ENV = "BUCKET";
    static final String PREFIXES_ENV = "PREFIXES";
    /** File on the volume's root that says the volume was seeded, so a second run does nothing. */
    static final String MARKER = ".panstack-seeded-from-bucket";
    /** A failed run is retried twice, then left (with its pods) for kubectl logs. */
    static final int BACKOFF_LIMIT = 2;
    static final String CONTAINER = StackLabels.SEED_FILES;
    static final String VOLUME_MOUNT = "/panstack-files";
    static final String STAGE_VOLUME = "stage";
    static final String STAGE_MOUNT = "/stage";
    static final String SCRIPT = script();

    private BucketSeedJob() {
    }

    public static Job desired(Stack stack, String bucket, String region) {
        FilesSpec files = stack.spec().getFiles();
        SeedFromBucketSpec seed = files.getSeedFromBucket();
        String claim = stack.names().filesVolume();
        Map<String, String> labels = StackLabels.of(stack.name(), StackLabels.SEED_FILES);
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.put(StackLabels.FILES_VOLUME, claim);

        PodSpecBuilder pod = JobPods.runOnce(JobServiceAccount.forPod(stack, seed.getServiceAccountName()), SecurityContexts.piPod(),
                List.of(SharedFiles.volume(stack),
                        new VolumeBuilder().withName(STAGE_VOLUME).withNewEmptyDir().endEmptyDir().build()))
                .addNewContainer().withName(CONTAINER).withImage(seed.getImage() != null ? seed.getImage() : stack.images().awsCli())
                .withCommand("/bin/sh", "-c", SCRIPT)
                .addNewEnv().withName(BUCKET_ENV).withValue(bucket).endEnv()
                .addNewEnv().withName(PREFIXES_ENV).withValue(prefixes(seed)).endEnv()
                .addNewEnv().withName("AWS_REGION").withValue(region).endEnv()
                .addNewEnv().withName("VOLUME").withValue(VOLUME_MOUNT).endEnv()
                .addNewEnv().withName("STAGE").withValue(STAGE_MOUNT).endEnv()
                .addNewVolumeMount().withName(SharedFiles.VOLUME).withMountPath(VOLUME_MOUNT).endVolumeMount()
                .addNewVolumeMount().withName(STAGE_VOLUME).withMountPath(STAGE_MOUNT).endVolumeMount()
                .withNewResources()
                .addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .withSecurityContext(SecurityContexts.piContainer())
                .endContainer();
        // Where the dashboard runs (its node pool, tolerations), and beside it when the volume attaches to one node.
        PodScheduling.placeBeside(pod, SchedulingSpec.merged(stack.spec().getScheduling(),
                stack.spec().getDashboard().getScheduling()),
                files.oneNodeOnly() ? Placement.besideFilesVolume(claim) : null);

        // No ttlSecondsAfterFinished: a failed run stays for inspection, a finished one records when it ran.
        return new JobBuilder()
                .withNewMetadata().withName(stack.names().seedFilesJob()).withNamespace(stack.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withActiveDeadlineSeconds(JobPods.RUN_LIMIT_SECONDS)
                .withNewTemplate().withNewMetadata().withLabels(podLabels).endMetadata()
                .withSpec(pod.build()).endTemplate()
                .endSpec()
                .build();
    }

    /** The folders to seed, space-separated, each once, in the order given. */
    static String prefixes(SeedFromBucketSpec seed) {
        return seed.getPrefixes().stream().map(FilesFolder::folder).distinct().collect(Collectors.joining(" "));
    }

    private static String script() {
        return ShellScript.load(BucketSeedJob.class, "seed-from-bucket.sh");
    }
}
