package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * A component that can be switched off and runs as one pod: the scheduler. {@link ScalableComponentSpec} adds
 * replicas for the renderer, analytics and the excel reader. The defaults and descriptions of enabled and resources
 * differ per component: {@link ComponentDefaults} holds them, the PanStackSpec setters fill them in here, and the
 * CRD generator writes the same into the schema (crd/ComponentSchemaDefaults).
 */
public class OptionalComponentSpec extends ComponentSpec {
    /** Made only through the PanStackSpec setters (Jackson uses them too), which fill in the component's defaults. */
    OptionalComponentSpec() {
    }

    @JsonPropertyDescription("Run the component.") // each component's own text replaces this in the CRD
    private Boolean enabled;

    @JsonPropertyDescription("CPU and memory.")
    private ResourceRequirements resources;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return Boolean.TRUE.equals(enabled); }
    @Override public int replicas() { return 1; }
    @Override public ResourceRequirements resources() { return resources; }
}
