package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class AdminerSpec extends ComponentSpec {
    @Default("false")
    @JsonPropertyDescription("Run adminer, a web UI for the repository database, pre-set to its server. Never exposed by the Ingress: kubectl port-forward svc/<name>-adminer 8080.")
    private Boolean enabled = false;

    @Default(Defaults.ADMINER_IMAGE)
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Adminer image (public, not part of the Pi release).")
    private String image = Defaults.ADMINER_IMAGE;

    @Default(Defaults.ADMINER_RESOURCES)
    @JsonPropertyDescription("CPU and memory.")
    private ResourceRequirements resources = Defaults.resources(Defaults.ADMINER_RESOURCES);

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return orDefault(enabled, false); }
    @Override public int replicas() { return 1; }
    @Override public ResourceRequirements resources() { return resources; }
}
