package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class AnalyticsSpec extends ScalableComponentSpec {
    @Default("true")
    @JsonPropertyDescription("Run analytics (pirana, the \"pi Predict\" module).")
    private Boolean enabled = true;

    @Default(Defaults.ANALYTICS_RESOURCES)
    @JsonPropertyDescription("CPU and memory.")
    private ResourceRequirements resources = Defaults.resources(Defaults.ANALYTICS_RESOURCES);

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return orDefault(enabled, true); }
    @Override public ResourceRequirements resources() { return resources; }
}
