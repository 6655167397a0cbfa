package io.panstack.operator.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.panstack.operator.api.v1alpha1.SchedulingSpec;

/**
 * A pod's scheduling as the spec asks (see SchedulingSpec), over what the operator needs: its own labels and
 * annotations stay, the spread is the default until the spec sets one, and a pod affinity the operator requires (beside
 * a ReadWriteOnce volume) is added to the user's. Pure.
 */
public final class PodScheduling {

    private PodScheduling() {
    }

    /**
     * @param scheduling    the merged scheduling (stack's and component's), or null
     * @param defaultSpread the spread used unless the scheduling sets one, or null for none
     * @param required      the operator's own affinity, or null
     */
    public static void apply(PodSpecBuilder pod, SchedulingSpec scheduling, List<TopologySpreadConstraint> defaultSpread,
            Affinity required) {
        SchedulingSpec s = scheduling == null ? new SchedulingSpec() : scheduling;
        List<TopologySpreadConstraint> spread = s.getTopologySpreadConstraints() != null
                ? s.getTopologySpreadConstraints() : defaultSpread;
        if (spread != null) {
            pod.withTopologySpreadConstraints(spread);
        }
        placeBeside(pod, s, required);
        if (s.getPriorityClassName() != null) {
            pod.withPriorityClassName(s.getPriorityClassName());
        }
        if (s.getServiceAccountName() != null) {
            // For an IAM role (IRSA, Pod Identity): Pi never calls the Kubernetes API, so it gets no token of it.
            pod.withServiceAccountName(s.getServiceAccountName()).withAutomountServiceAccountToken(false);
        }
    }

    /**
     * Only where the pod may run (node selector, tolerations, affinity with the operator's own): for a Job that must
     * run beside the Pi pods (on a ReadWriteOnce volume) but keeps its own identity and priority.
     */
    public static void placeBeside(PodSpecBuilder pod, SchedulingSpec scheduling, Affinity required) {
        SchedulingSpec s = scheduling == null ? new SchedulingSpec() : scheduling;
        Affinity affinity = withRequired(s.getAffinity(), required);
        if (affinity != null) {
            pod.withAffinity(affinity);
        }
        if (s.getNodeSelector() != null && !s.getNodeSelector().isEmpty()) {
            pod.withNodeSelector(s.getNodeSelector());
        }
        if (s.getTolerations() != null && !s.getTolerations().isEmpty()) {
            pod.withTolerations(s.getTolerations());
        }
    }

    /** The pod's labels: the user's extras under the operator's own (which always win). */
    public static Map<String, String> labels(SchedulingSpec scheduling, Map<String, String> own) {
        return under(scheduling == null ? null : scheduling.getPodLabels(), own);
    }

    /** The pod's annotations: the user's extras under the operator's own, or null when there are none at all. */
    public static Map<String, String> annotations(SchedulingSpec scheduling, Map<String, String> own) {
        Map<String, String> all = under(scheduling == null ? null : scheduling.getPodAnnotations(), own);
        return all.isEmpty() ? null : all;
    }

    private static Map<String, String> under(Map<String, String> extra, Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>();
        if (extra != null) {
            all.putAll(extra);
        }
        if (own != null) {
            all.putAll(own);
        }
        return all;
    }

    /** The user's affinity with the operator's required pod affinity terms added; either may be null. */
    static Affinity withRequired(Affinity user, Affinity required) {
        if (required == null) {
            return user;
        }
        if (user == null) {
            return required;
        }
        AffinityBuilder merged = new AffinityBuilder(user);
        List<PodAffinityTerm> terms = new ArrayList<>();
        if (user.getPodAffinity() != null && user.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            terms.addAll(user.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        }
        terms.addAll(required.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        if (user.getPodAffinity() == null) {
            merged.withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(terms).endPodAffinity();
        } else {
            merged.editPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(terms).endPodAffinity();
        }
        return merged.build();
    }
}
