package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class RendererSpec extends ScalableComponentSpec {
    @Default("true")
    @JsonPropertyDescription("Run the renderer. Without it, exports and scheduled reports cannot produce images or PDFs.")
    private Boolean enabled = true;

    @Default(Defaults.RENDERER_RESOURCES)
    @JsonPropertyDescription("CPU and memory. The vendor: the more resources the renderer has, the faster it renders.")
    private ResourceRequirements resources = Defaults.resources(Defaults.RENDERER_RESOURCES);

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return orDefault(enabled, true); }
    @Override public ResourceRequirements resources() { return resources; }
}
