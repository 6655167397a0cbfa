package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.pass.PassCondition;
import io.panstack.operator.pass.PassDependent;
import io.panstack.operator.stack.StackLabels;

/** The dashboard's PodDisruptionBudget; only while it has more than one replica. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class DashboardDisruptionBudgetDependent extends PassDependent<PodDisruptionBudget> {

    public DashboardDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class, pass -> DashboardDisruptionBudget.desired(pass.stack()));
    }

    public static class Wanted extends PassCondition {
        public Wanted() {
            super(DashboardDisruptionBudget::wanted);
        }
    }
}
