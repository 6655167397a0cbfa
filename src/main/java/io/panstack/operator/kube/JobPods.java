package io.panstack.operator.kube;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.panstack.operator.stack.Stack;

/** The pod parts the operator's one-shot Jobs (backup, restore, seeding) share. Pure. */
public final class JobPods {
    /**
     * How long a run of a backup, verification or seeding Job may take before Kubernetes stops it as failed: a pod
     * that can never run (an image it cannot pull, no node that fits) must not hold the next run, or keep the stack
     * from sleeping, for ever. Each is safe to run again.
     */
    public static final long RUN_LIMIT_SECONDS = 6 * 3600L;

    private JobPods() {
    }

    /**
     * A pod that runs once: the kubelet never restarts it (the Job decides about another attempt) and it gets no
     * service links (Jobs reach nothing through Service environment variables).
     *
     * @param serviceAccount the stack's (see JobServiceAccount) or the one the spec names
     */
    public static PodSpecBuilder runOnce(String serviceAccount, PodSecurityContext security, List<Volume> volumes) {
        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withEnableServiceLinks(false)
                .withServiceAccountName(serviceAccount)
                .withSecurityContext(security)
                .withVolumes(volumes);
    }

    /**
     * A container running a shell script in the AWS CLI image of the operator's settings, non-root, with its work
     * volume mounted; HOME points there because the CLI writes below HOME and the image's is not the pod user's.
     */
    public static Container awsCli(Stack stack, String name, String script, List<EnvVar> env, String workVolume,
            String workPath) {
        List<EnvVar> all = new ArrayList<>(env);
        all.add(new EnvVar("HOME", workPath, null));
        return new ContainerBuilder()
                .withName(name)
                .withImage(stack.images().awsCli())
                .withCommand("/bin/sh", "-c", script)
                .withEnv(all)
                .addNewVolumeMount().withName(workVolume).withMountPath(workPath).endVolumeMount()
                .withSecurityContext(SecurityContexts.nonRootContainer())
                .build();
    }
}
