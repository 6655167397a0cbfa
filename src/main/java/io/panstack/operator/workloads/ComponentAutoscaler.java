package io.panstack.operator.workloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.panstack.operator.api.v1alpha1.AutoscalingSpec;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for each running component with autoscaling set, scaling its
 * Deployment on average CPU and/or memory use relative to the pods' requests. The Deployment's replicas are then the
 * HPA's (see ComponentDeployments.settle). Pure.
 */
public final class ComponentAutoscaler {

    private ComponentAutoscaler() {
    }

    /** The HPAs by component id. */
    public static Map<String, HorizontalPodAutoscaler> desired(Stack stack) {
        Map<String, HorizontalPodAutoscaler> desired = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            AutoscalingSpec autoscaling = component.settings(stack.spec()).autoscaling();
            if (component.enabledIn(stack.spec()) && autoscaling != null) {
                desired.put(component.id(), of(stack, component, autoscaling));
            }
        }
        return desired;
    }

    private static HorizontalPodAutoscaler of(Stack stack, Component component, AutoscalingSpec autoscaling) {
        List<MetricSpec> metrics = new ArrayList<>();
        if (autoscaling.cpuTarget() != null) {
            metrics.add(utilisation("cpu", autoscaling.cpuTarget()));
        }
        if (autoscaling.getTargetMemoryUtilizationPercentage() != null) {
            metrics.add(utilisation("memory", autoscaling.getTargetMemoryUtilizationPercentage()));
        }
        String name = stack.names().component(component);
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component.id())).endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name).endScaleTargetRef()
                .withMinReplicas(autoscaling.min())
                .withMaxReplicas(autoscaling.max())
                .withMetrics(metrics)
                .endSpec()
                .build();
    }

    private static MetricSpec utilisation(String resource, int percent) {
        return new MetricSpecBuilder().withType("Resource")
                .withNewResource().withName(resource)
                .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
                .endResource().build();
    }
}
