package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** What every Pi component's settings have in common; the operator reads them through these methods only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ComponentSpec {

    @Size(max = 100)
    @ValidationRule(value = "self.all(e, has(e.name) && size(e.name) > 0)", message = "every env entry needs a name")
    @JsonPropertyDescription("Extra environment variables for the container, e.g. PI_* settings or TZ. A variable with the name of one the operator sets replaces the operator's.")
    private List<EnvVar> env;

    @JsonPropertyDescription("Scheduling of this component's pods: each field set here replaces spec.scheduling's (affinity is set there only).")
    private ComponentSchedulingSpec scheduling;

    public List<EnvVar> getEnv() { return env; }
    public ComponentSchedulingSpec getScheduling() { return scheduling; }
    public void setScheduling(ComponentSchedulingSpec scheduling) { this.scheduling = scheduling; }
    public void setEnv(List<EnvVar> env) { this.env = env; }

    public abstract boolean enabled();

    /** The pods it runs at least: its replicas, or the autoscaling minimum; 1 when neither is set. */
    public abstract int replicas();

    /** The pods it may run at most: the autoscaling maximum, else replicas(). */
    public int maxReplicas() { return autoscaling() == null ? replicas() : autoscaling().max(); }

    /**
     * The replicas the operator sets, or null when they are left to whoever scales the Deployment: the operator's
     * HPA (autoscaling), or the user's own (replicas unset).
     */
    public Integer ownedReplicas() { return replicas(); }

    /** The component's HPA settings; null for components that cannot be autoscaled, or are not. */
    public AutoscalingSpec autoscaling() { return null; }

    public abstract ResourceRequirements resources();

    static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
