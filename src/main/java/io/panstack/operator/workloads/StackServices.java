package io.panstack.operator.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The Services of the enabled components, and of the in-cluster database; keyed by component label. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class StackServices extends CRUDKubernetesDependentResource<Service, PanStack>
        implements BulkDependentResource<Service, PanStack> {

    public StackServices() {
        super(Service.class);
    }

    @Override
    public Map<String, Service> desiredResources(PanStack primary, Context<PanStack> context) {
        Stack stack = Pass.of(context).stack();
        Map<String, Service> desired = new LinkedHashMap<>();
        if (stack.database().mode() == DatabaseMode.InCluster) {
            desired.put(StackLabels.MARIADB, StackService.forMariaDb(stack));
        }
        for (Component component : Component.values()) {
            if (component.enabledIn(stack.spec())) {
                desired.put(component.id(), StackService.forComponent(stack, component));
            }
        }
        return desired;
    }

    @Override
    public Map<String, Service> getSecondaryResources(PanStack primary, Context<PanStack> context) {
        return ByComponent.index(context.getSecondaryResourcesAsStream(Service.class));
    }
}
