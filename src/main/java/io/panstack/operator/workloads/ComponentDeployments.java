package io.panstack.operator.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.pass.ByComponent;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.StackLabels;

/**
 * One Deployment per enabled component, keyed by component id; a disabled component's Deployment is removed.
 * The dashboard and scheduler are first created only once the database is ready (they create and use the schema
 * at start-up), and every component only once the stack's AWS resources (database, files, bucket) are; once they
 * exist they are kept and updated whatever the database or AWS does.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class ComponentDeployments extends ByComponent<Deployment> {

    public ComponentDeployments() {
        super(Deployment.class, ComponentDeployments::desired);
    }

    private static Map<String, Deployment> desired(Pass pass, Map<String, Deployment> existing) {
        Map<String, Deployment> desired = new LinkedHashMap<>();
        enabledIn(pass.stack())
                .filter(component -> existing.containsKey(component.id()) || mayFirstStart(component, pass))
                .forEach(component -> desired.put(component.id(), stopped(pass, component,
                        ComponentDeployment.desired(pass.stack(), component))));
        return desired;
    }

    /**
     * During an in-place restore nothing may write to the repository: the dashboard, the scheduler and adminer (a
     * human with a database UI) run no pod.
     */
    private static Deployment stopped(Pass pass, Component component, Deployment deployment) {
        if (pass.repositoryStopped() && (component.usesRepository() || component == Component.ADMINER)) {
            deployment.getSpec().setReplicas(0);
        }
        return deployment;
    }

    /**
     * Replicas left to an HPA are not part of the desired state (an HPA's scaling is no change to put back), but each
     * apply still carries them: as the Deployment has them now, so the operator never undoes the HPA's scaling;
     * at creation, and after a suspend or a restore scaled it to zero, the component's minimum. An apply without
     * them would drop the field and Kubernetes would set 1 until the HPA scales up again.
     */
    @Override
    protected void settle(Pass pass, String key, Deployment desired, Deployment existing) {
        if (desired.getSpec().getReplicas() != null) {
            return;
        }
        Integer now = existing == null || existing.getSpec() == null ? null : existing.getSpec().getReplicas();
        int minimum = Component.byId(key).settings(pass.stack().spec()).replicas();
        desired.getSpec().setReplicas(now != null && now > 0 ? now : minimum);
    }

    private static boolean mayFirstStart(Component component, Pass pass) {
        return pass.awsReady() && (!component.usesRepository() || pass.repositoryReady());
    }
}
