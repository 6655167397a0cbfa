package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** A component that can be switched off and can run several identical pods: renderer, analytics, excel reader. */
@ValidationRule(value = "!(has(self.replicas) && has(self.autoscaling))",
        message = "replicas and autoscaling exclude each other: remove replicas, the HPA sets them")
public class ScalableComponentSpec extends OptionalComponentSpec {
    /** Made only through the PanStackSpec setters (Jackson uses them too), which fill in the component's defaults. */
    ScalableComponentSpec() {
    }

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of pods. Unset: 1 when the Deployment is made, then left to whoever scales it (your own HPA, kubectl scale).")
    private Integer replicas;

    @JsonPropertyDescription("A HorizontalPodAutoscaler for this component, which then sets its replicas between minReplicas and maxReplicas (leave replicas unset).")
    private AutoscalingSpec autoscaling;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }

    public AutoscalingSpec getAutoscaling() { return autoscaling; }
    public void setAutoscaling(AutoscalingSpec autoscaling) { this.autoscaling = autoscaling; }

    @Override public int replicas() { return autoscaling != null ? autoscaling.min() : orDefault(replicas, 1); }
    @Override public Integer ownedReplicas() { return autoscaling != null ? null : replicas; }
    @Override public AutoscalingSpec autoscaling() { return autoscaling; }
}
