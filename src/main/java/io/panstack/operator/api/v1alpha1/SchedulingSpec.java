package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.kubernetes.api.model.Affinity;

/**
 * Where and how the pods of the stack run: spec.scheduling for every pod of the stack, and each component's own
 * scheduling (ComponentSchedulingSpec) for its pods; a field a component sets replaces the stack's, a field it leaves
 * unset takes the stack's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "nodeSelector", "tolerations", "affinity", "topologySpreadConstraints", "priorityClassName",
        "podLabels", "podAnnotations", "serviceAccountName" })
public class SchedulingSpec extends ComponentSchedulingSpec {

    @JsonPropertyDescription("Node and pod affinity of every pod of the stack (as the pod field). With a ReadWriteOnce files volume the operator adds its own pod affinity term (beside the volume) to yours.")
    private Affinity affinity;

    public Affinity getAffinity() { return affinity; }
    public void setAffinity(Affinity affinity) { this.affinity = affinity; }

    /** The component's fields where it sets them, the stack's elsewhere; either may be null. */
    public static SchedulingSpec merged(SchedulingSpec stack, ComponentSchedulingSpec component) {
        SchedulingSpec s = stack == null ? new SchedulingSpec() : stack;
        ComponentSchedulingSpec c = component == null ? new ComponentSchedulingSpec() : component;
        SchedulingSpec merged = new SchedulingSpec();
        merged.setNodeSelector(c.getNodeSelector() != null ? c.getNodeSelector() : s.getNodeSelector());
        merged.setTolerations(c.getTolerations() != null ? c.getTolerations() : s.getTolerations());
        merged.affinity = s.affinity;
        merged.setTopologySpreadConstraints(c.getTopologySpreadConstraints() != null
                ? c.getTopologySpreadConstraints() : s.getTopologySpreadConstraints());
        merged.setPriorityClassName(c.getPriorityClassName() != null ? c.getPriorityClassName() : s.getPriorityClassName());
        merged.setPodLabels(c.getPodLabels() != null ? c.getPodLabels() : s.getPodLabels());
        merged.setPodAnnotations(c.getPodAnnotations() != null ? c.getPodAnnotations() : s.getPodAnnotations());
        merged.setServiceAccountName(c.getServiceAccountName() != null ? c.getServiceAccountName()
                : s.getServiceAccountName());
        return merged;
    }
}
