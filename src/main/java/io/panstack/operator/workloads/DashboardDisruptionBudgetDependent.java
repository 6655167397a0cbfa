package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.pass.PassCondition;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The dashboard's PodDisruptionBudget; only while it has more than one replica. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class DashboardDisruptionBudgetDependent extends CRUDKubernetesDependentResource<PodDisruptionBudget, PanStack> {

    public DashboardDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(PanStack primary, Context<PanStack> context) {
        return DashboardDisruptionBudget.desired(Pass.of(context).stack());
    }

    public static class Wanted extends PassCondition {
        @Override
        protected boolean holds(Stack stack) {
            return DashboardDisruptionBudget.wanted(stack);
        }
    }
}
