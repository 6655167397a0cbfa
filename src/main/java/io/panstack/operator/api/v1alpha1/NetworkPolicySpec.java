package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

/** spec.networkPolicy: which traffic may reach the stack's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "enabled", "dashboardFrom" })
public class NetworkPolicySpec {
    @Default("true")
    @JsonPropertyDescription("Give each component a NetworkPolicy: the renderer, scheduler, analytics, excel reader, adminer and the in-cluster MariaDB take traffic only from the stack's own pods (Pi, backup, restore), the dashboard also from dashboardFrom on its HTTP port. false removes them. Needs a network plugin that enforces NetworkPolicies (Calico, Cilium, the AWS VPC CNI with network policies on); others ignore them.")
    private Boolean enabled = true;

    @Size(max = 20)
    @JsonPropertyDescription("Who else may reach the dashboard's HTTP port (8224): namespaces (the ingress controller's, e.g. ingress-nginx) and IP ranges (e.g. the subnets of an AWS load balancer sending to pod IPs; not the whole VPC when pods get VPC addresses). Empty (default): any source may, and only that port; the rest of the stack stays closed.")
    private List<NetworkPeerSpec> dashboardFrom;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public List<NetworkPeerSpec> getDashboardFrom() { return dashboardFrom; }
    public void setDashboardFrom(List<NetworkPeerSpec> dashboardFrom) { this.dashboardFrom = dashboardFrom; }

    public boolean enabled() { return !Boolean.FALSE.equals(enabled); }

    public List<NetworkPeerSpec> dashboardSources() { return dashboardFrom == null ? List.of() : dashboardFrom; }
}
