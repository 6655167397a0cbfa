package io.panstack.operator.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.pass.ByComponent;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The Services of the enabled components, and of the in-cluster database; keyed by component label. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class StackServices extends ByComponent<Service> {

    public StackServices() {
        super(Service.class, (pass, existing) -> of(pass.stack()));
    }

    /** Services are stateless: the existing ones change nothing. */
    private static Map<String, Service> of(Stack stack) {
        Map<String, Service> desired = new LinkedHashMap<>();
        if (stack.database().mode() == DatabaseMode.InCluster) {
            desired.put(StackLabels.MARIADB, StackService.forMariaDb(stack));
        }
        enabledIn(stack).forEach(component -> desired.put(component.id(), StackService.forComponent(stack, component)));
        return desired;
    }
}
