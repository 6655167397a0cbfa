package io.panstack.operator.api.v1alpha1;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

/**
 * Where and how one component's pods run; each field set replaces spec.scheduling's (see SchedulingSpec). Affinity is
 * the stack's only: its schema is large, and seven copies of it would push the CRD past what kubectl apply can store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "nodeSelector", "tolerations", "topologySpreadConstraints", "priorityClassName", "podLabels",
        "podAnnotations", "serviceAccountName" })
public class ComponentSchedulingSpec {
    static final String RESERVED_KEYS = "self.all(k, !k.startsWith('app.kubernetes.io/') && !k.startsWith('panstack.io/'))";

    @Size(max = 20)
    @JsonPropertyDescription("Nodes the pods may run on, by label (as the pod field).")
    private Map<String, String> nodeSelector;

    @Size(max = 20)
    @JsonPropertyDescription("Taints the pods tolerate (as the pod field).")
    private List<Toleration> tolerations;

    @Size(max = 8)
    @JsonPropertyDescription("Replaces the default spread (ScheduleAnyway, over zones and nodes, maxSkew 1) when set; an empty list spreads nothing.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("PriorityClass of the pods.")
    private String priorityClassName;

    @Size(max = 20)
    @ValidationRule(value = RESERVED_KEYS, message = "podLabels keys may not start with app.kubernetes.io/ or panstack.io/ (the operator's own)")
    @ValidationRule(value = "self.all(k, size(k) <= 253 && size(self[k]) <= 63)", message = "podLabels: keys at most 253 characters, values at most 63 (Kubernetes label limits)")
    @JsonPropertyDescription("Extra labels on the pods (not on the workloads: their selectors never change).")
    private Map<String, String> podLabels;

    @Size(max = 20)
    @ValidationRule(value = RESERVED_KEYS, message = "podAnnotations keys may not start with app.kubernetes.io/ or panstack.io/ (the operator's own)")
    @JsonPropertyDescription("Extra annotations on the pods, e.g. for a service mesh or a log shipper.")
    private Map<String, String> podAnnotations;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("ServiceAccount of the Pi pods (and adminer, MariaDB), e.g. one with an IAM role through IRSA. Unset: the namespace's default. It must exist; the operator does not create it.")
    private String serviceAccountName;

    public Map<String, String> getNodeSelector() { return nodeSelector; }
    public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
    public List<Toleration> getTolerations() { return tolerations; }
    public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
    public List<TopologySpreadConstraint> getTopologySpreadConstraints() { return topologySpreadConstraints; }
    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> constraints) { this.topologySpreadConstraints = constraints; }
    public String getPriorityClassName() { return priorityClassName; }
    public void setPriorityClassName(String priorityClassName) { this.priorityClassName = priorityClassName; }
    public Map<String, String> getPodLabels() { return podLabels; }
    public void setPodLabels(Map<String, String> podLabels) { this.podLabels = podLabels; }
    public Map<String, String> getPodAnnotations() { return podAnnotations; }
    public void setPodAnnotations(Map<String, String> podAnnotations) { this.podAnnotations = podAnnotations; }
    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
}
