package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.pass.ByComponent;
import io.panstack.operator.stack.StackLabels;

/** The HPAs of the autoscaled components (see ComponentAutoscaler); one goes when its autoscaling is removed. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class ComponentAutoscalers extends ByComponent<HorizontalPodAutoscaler> {

    public ComponentAutoscalers() {
        super(HorizontalPodAutoscaler.class, (pass, existing) -> ComponentAutoscaler.desired(pass.stack()));
    }
}
