package io.panstack.operator.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * How fast this machine is at the moment, in CPU seconds for a fixed piece of work like the operator's own (a
 * Deployment written and read as JSON, as the client does with every answer and watch event). The machine is shared
 * and its speed has varied by more than 2x within a night, more than most changes to the code; so every round of the
 * benchmark prints this beside its CPU figures, and only figures taken at a similar speed compare.
 */
final class MachineSpeed {
    private static final int ROUND_TRIPS = 20_000;

    private MachineSpeed() {
    }

    /** CPU seconds for the reference work on this thread: the best of three, after a warm-up. */
    static double referenceSeconds() {
        KubernetesSerialization json = new KubernetesSerialization();
        Deployment deployment = deployment();
        roundTrips(json, deployment, ROUND_TRIPS); // the JIT compiles it first
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = threads.getCurrentThreadCpuTime();
            roundTrips(json, deployment, ROUND_TRIPS);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        return best / 1e9;
    }

    static String describe() {
        return String.format("machine speed: %.2f s of CPU for the reference work (%,d Deployments written and read as"
                + " JSON; lower is faster: compare figures taken at a similar value)", referenceSeconds(), ROUND_TRIPS);
    }

    private static void roundTrips(KubernetesSerialization json, Deployment deployment, int times) {
        int length = 0;
        for (int i = 0; i < times; i++) {
            length += json.unmarshal(json.asJson(deployment), Deployment.class).getMetadata().getName().length();
        }
        if (length == 0) {
            throw new IllegalStateException("the reference work did nothing");
        }
    }

    /** A Deployment about the size of a stack's dashboard (~3 KB of JSON). */
    private static Deployment deployment() {
        ContainerBuilder container = new ContainerBuilder().withName("dashboard").withImage("ghcr.io/pi-cr/dashboard:1")
                .addNewPort().withName("http").withContainerPort(8224).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/pi/health").withNewPort("http").endHttpGet()
                .withPeriodSeconds(10).endReadinessProbe()
                .withNewResources().addToRequests("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("2Gi")).endResources();
        for (int i = 0; i < 20; i++) {
            container.addNewEnv().withName("PI_SETTING_" + i).withValue("value-" + i).endEnv();
        }
        return new DeploymentBuilder().withNewMetadata().withName("bench-dashboard").withNamespace("bench")
                .addToLabels("app.kubernetes.io/name", "panintelligence").addToLabels("app.kubernetes.io/instance", "bench")
                .addToAnnotations("panstack.io/desired-hash", "0123456789abcdef0123456789abcdef").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "dashboard").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "dashboard").endMetadata().withNewSpec()
                .withContainers(container.build()).addNewVolume().withName("files").withNewPersistentVolumeClaim()
                .withClaimName("bench-files").endPersistentVolumeClaim().endVolume().endSpec().endTemplate()
                .endSpec().build();
    }
}
