package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@ValidationRule(value = "!(has(self.replicas) && has(self.autoscaling))",
        message = "replicas and autoscaling exclude each other: remove replicas, the HPA sets them")
public class DashboardSpec extends ComponentSpec {
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of dashboard pods. More than one needs files.persistentVolume.accessMode ReadWriteMany or files.efs; the operator then adds a PodDisruptionBudget and sticky sessions. Unset: 1 when the Deployment is made, then left to whoever scales it (your own HPA, kubectl scale).")
    private Integer replicas;

    @JsonPropertyDescription("A HorizontalPodAutoscaler for this component, which then sets its replicas between minReplicas and maxReplicas (leave replicas unset).")
    private AutoscalingSpec autoscaling;

    @Default(Defaults.DASHBOARD_RESOURCES)
    @JsonPropertyDescription("CPU and memory. PI_TOMCAT_MAX_MEMORY (the JVM heap) is derived from the memory limit: half of it, or all but max(1Gi, a quarter), whichever is larger (2Gi -> 1024 MB, 4Gi -> 3072 MB).")
    private ResourceRequirements resources = Defaults.resources(Defaults.DASHBOARD_RESOURCES);

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return true; }
    public AutoscalingSpec getAutoscaling() { return autoscaling; }
    public void setAutoscaling(AutoscalingSpec autoscaling) { this.autoscaling = autoscaling; }

    @Override public int replicas() { return autoscaling != null ? autoscaling.min() : orDefault(replicas, 1); }
    @Override public Integer ownedReplicas() { return autoscaling != null ? null : replicas; }
    @Override public AutoscalingSpec autoscaling() { return autoscaling; }
    @Override public ResourceRequirements resources() { return resources; }
}
