package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** A component that can be switched off and can run several identical pods: renderer, analytics, excel reader. */
public class ScalableComponentSpec extends OptionalComponentSpec {
    /** Made only through the PanStackSpec setters (Jackson uses them too), which fill in the component's defaults. */
    ScalableComponentSpec() {
    }

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of pods.")
    private Integer replicas = 1;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }

    @Override public int replicas() { return orDefault(replicas, 1); }
}
