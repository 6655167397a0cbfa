package io.panstack.operator.start;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimList;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.ServiceAccountList;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.StatefulSetList;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerList;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobList;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.api.model.networking.v1.IngressList;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyList;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Shortens the start by using the core the boot leaves idle. Most of the start is loading classes one after another
 * on the main thread (about 6,600 of them before the operator is ready); this loads them ahead, on a second thread,
 * from a list recorded from a start ({@link #CLASSES}), then reads an empty list of every kind the informers list,
 * which prepares the Kubernetes model's classes for JSON. Nothing here is needed: a class missing from the list, or
 * named there but gone, is loaded on demand as without it. Classes are loaded, never initialized, so no static
 * initializer runs earlier or in another order than it would.
 * <p>
 * Recorded again with the benchmark ({@code -Dbenchmark.recordStartClasses}, see the README) when dependencies
 * change; StartWarmUpTest fails when the list has gone stale.
 */
public final class StartWarmUp {
    /** The classes of a start, in the order it loaded them, one binary name a line. */
    public static final String CLASSES = "META-INF/panstack/start-classes.txt";

    /**
     * {@code -Dpanstack.start-warm-up=false} or PANSTACK_START_WARM_UP=false turns it off (to record the list afresh,
     * say); OperatorSettings#startWarmUp declares it.
     */
    public static final String SWITCH = "panstack.start-warm-up";

    private static final List<Class<?>> LISTED = List.of(PodList.class, PersistentVolumeClaimList.class,
            SecretList.class, JobList.class, CronJobList.class, ServiceAccountList.class, ServiceList.class,
            DeploymentList.class, StatefulSetList.class, HorizontalPodAutoscalerList.class, IngressList.class,
            NetworkPolicyList.class, PodDisruptionBudgetList.class);

    private StartWarmUp() {
    }

    static void inBackground() {
        String enabled = System.getProperty(SWITCH, System.getenv("PANSTACK_START_WARM_UP"));
        if ("false".equalsIgnoreCase(enabled == null ? null : enabled.strip())) {
            return;
        }
        Thread thread = new Thread(StartWarmUp::run, "start-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        ClassLoader loader = StartWarmUp.class.getClassLoader();
        load(recordedClasses(loader), loader);
        try {
            KubernetesSerialization json = new KubernetesSerialization();
            LISTED.forEach(type -> json.unmarshal("{\"items\":[]}", type));
        } catch (RuntimeException | LinkageError e) {
            // The informers prepare what they need themselves.
        }
    }

    static List<String> recordedClasses(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(CLASSES)) {
            return in == null ? List.of()
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(name -> !name.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads (never initializes) the named classes; returns how many of them this build has. */
    static int load(List<String> names, ClassLoader loader) {
        int found = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                found++;
            } catch (ClassNotFoundException | LinkageError e) {
                // Not in this build (a dependency changed since the list was recorded).
            }
        }
        return found;
    }
}
