package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class AnalyticsSpec extends ComponentSpec {
    @Default("true")
    @JsonPropertyDescription("Run analytics (pirana, the \"pi Predict\" module).")
    private Boolean enabled = true;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of analytics pods.")
    private Integer replicas = 1;

    @Default(Defaults.ANALYTICS_RESOURCES)
    @JsonPropertyDescription("CPU and memory.")
    private ResourceRequirements resources = Defaults.resources(Defaults.ANALYTICS_RESOURCES);

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return orDefault(enabled, true); }
    @Override public int replicas() { return orDefault(replicas, 1); }
    @Override public ResourceRequirements resources() { return resources; }
}
