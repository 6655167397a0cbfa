package io.panstack.operator.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * One Deployment per enabled component, keyed by component id; a disabled component's Deployment is removed.
 * The dashboard and scheduler are first created only once the database is ready (they create and use the schema
 * at start-up), and every component only once the stack's AWS resources (database, files, bucket) are; once they
 * exist they are kept and updated whatever the database or AWS does.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class ComponentDeployments extends CRUDKubernetesDependentResource<Deployment, PanStack>
        implements BulkDependentResource<Deployment, PanStack> {

    public ComponentDeployments() {
        super(Deployment.class);
    }

    @Override
    public Map<String, Deployment> desiredResources(PanStack primary, Context<PanStack> context) {
        Pass pass = Pass.of(context);
        Stack stack = pass.stack();
        Map<String, Deployment> existing = getSecondaryResources(primary, context);
        Map<String, Deployment> desired = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            if (!component.enabledIn(stack.spec())) {
                continue;
            }
            boolean mayStart = existing.containsKey(component.id())
                    || (pass.awsReady() && (!component.usesRepository() || pass.repositoryReady()));
            if (mayStart) {
                desired.put(component.id(), ComponentDeployment.desired(stack, component));
            }
        }
        return desired;
    }

    @Override
    public Map<String, Deployment> getSecondaryResources(PanStack primary, Context<PanStack> context) {
        return ByComponent.index(context.getSecondaryResourcesAsStream(Deployment.class));
    }
}
