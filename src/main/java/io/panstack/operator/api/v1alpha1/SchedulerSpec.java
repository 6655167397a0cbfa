package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class SchedulerSpec extends ComponentSpec {
    @Default("true")
    @JsonPropertyDescription("Run the scheduler. It always runs as one replica, so a scheduled report is sent once.")
    private Boolean enabled = true;

    @Default(Defaults.SCHEDULER_RESOURCES)
    @JsonPropertyDescription("CPU and memory.")
    private ResourceRequirements resources = Defaults.resources(Defaults.SCHEDULER_RESOURCES);

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return orDefault(enabled, true); }
    @Override public int replicas() { return 1; }
    @Override public ResourceRequirements resources() { return resources; }
}
