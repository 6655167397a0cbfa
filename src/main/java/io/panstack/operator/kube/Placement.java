package io.panstack.operator.kube;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.panstack.operator.stack.StackLabels;

/** Where pods may run: spread over zones and nodes, and kept beside a ReadWriteOnce files volume. */
public final class Placement {
    static final String ZONE = "topology.kubernetes.io/zone";
    static final String HOSTNAME = "kubernetes.io/hostname";

    private Placement() {
    }

    /** Soft spreading (ScheduleAnyway), so single-zone and single-node clusters still schedule every pod. */
    public static List<TopologySpreadConstraint> spread(Map<String, String> podSelector) {
        return List.of(spreadOver(ZONE, podSelector), spreadOver(HOSTNAME, podSelector));
    }

    private static TopologySpreadConstraint spreadOver(String topologyKey, Map<String, String> podSelector) {
        return new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(topologyKey)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(podSelector).endLabelSelector().build();
    }

    /**
     * A ReadWriteOnce volume attaches to one node, and the dashboard and scheduler share its keys folder: each must
     * run on a node where a pod using the volume already runs. The first of them matches its own term, which the
     * scheduler accepts when no such pod exists yet.
     */
    public static Affinity besideFilesVolume(String claimName) {
        return new AffinityBuilder().withNewPodAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNewLabelSelector().addToMatchLabels(StackLabels.FILES_VOLUME, claimName).endLabelSelector()
                .withTopologyKey(HOSTNAME)
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity().build();
    }
}
