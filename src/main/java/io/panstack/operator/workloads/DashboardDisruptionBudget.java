package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * Lets node drains take one dashboard pod at a time. Only with more than one replica: with one, a budget would
 * block every drain.
 */
public final class DashboardDisruptionBudget {

    private DashboardDisruptionBudget() {
    }

    public static boolean wanted(Stack stack) {
        return stack.spec().getDashboard().replicas() > 1;
    }

    public static PodDisruptionBudget desired(Stack stack) {
        String component = Component.DASHBOARD.id();
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(stack.names().dashboardDisruptionBudget()).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(StackLabels.selector(stack.name(), component)).endSelector()
                .endSpec()
                .build();
    }
}
