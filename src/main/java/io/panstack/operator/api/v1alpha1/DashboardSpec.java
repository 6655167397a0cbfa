package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class DashboardSpec extends ComponentSpec {
    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of dashboard pods. More than one needs files.persistentVolume.accessMode ReadWriteMany; the operator then adds a PodDisruptionBudget and sticky sessions.")
    private Integer replicas = 1;

    @Default(Defaults.DASHBOARD_RESOURCES)
    @JsonPropertyDescription("CPU and memory. PI_TOMCAT_MAX_MEMORY (the JVM heap) is derived from the memory limit: half of it, or all but max(1Gi, a quarter), whichever is larger (2Gi -> 1024 MB, 4Gi -> 3072 MB).")
    private ResourceRequirements resources = Defaults.resources(Defaults.DASHBOARD_RESOURCES);

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return true; }
    @Override public int replicas() { return orDefault(replicas, 1); }
    @Override public ResourceRequirements resources() { return resources; }
}
