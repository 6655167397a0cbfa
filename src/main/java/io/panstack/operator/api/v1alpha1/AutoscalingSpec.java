package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A HorizontalPodAutoscaler for a component: the HPA sets its replicas between min and max. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage", "targetMemoryUtilizationPercentage" })
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
        message = "autoscaling.minReplicas must not be above maxReplicas")
public class AutoscalingSpec {
    /** Without a target the HPA scales on CPU at this average use of the pods' CPU request. */
    public static final int DEFAULT_CPU_TARGET = 80;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Fewest pods (default 1).")
    private Integer minReplicas;

    @Required
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Most pods.")
    private Integer maxReplicas;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Average CPU use the HPA aims at, in percent of the pods' CPU request (default 80 when no target is set). Needs a CPU request (resources) and the metrics server.")
    private Integer targetCPUUtilizationPercentage;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Average memory use the HPA aims at, in percent of the pods' memory request.")
    private Integer targetMemoryUtilizationPercentage;

    public Integer getMinReplicas() { return minReplicas; }
    public void setMinReplicas(Integer minReplicas) { this.minReplicas = minReplicas; }
    public Integer getMaxReplicas() { return maxReplicas; }
    public void setMaxReplicas(Integer maxReplicas) { this.maxReplicas = maxReplicas; }
    public Integer getTargetCPUUtilizationPercentage() { return targetCPUUtilizationPercentage; }
    public void setTargetCPUUtilizationPercentage(Integer target) { this.targetCPUUtilizationPercentage = target; }
    public Integer getTargetMemoryUtilizationPercentage() { return targetMemoryUtilizationPercentage; }
    public void setTargetMemoryUtilizationPercentage(Integer target) { this.targetMemoryUtilizationPercentage = target; }

    public int min() { return minReplicas == null ? 1 : minReplicas; }

    public int max() { return maxReplicas == null ? min() : Math.max(maxReplicas, min()); }

    /** The CPU target: the one set, or the default when neither target is set. */
    public Integer cpuTarget() {
        return targetCPUUtilizationPercentage != null ? targetCPUUtilizationPercentage
                : targetMemoryUtilizationPercentage == null ? DEFAULT_CPU_TARGET : null;
    }
}
