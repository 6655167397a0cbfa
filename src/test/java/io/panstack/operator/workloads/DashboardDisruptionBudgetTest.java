package io.panstack.operator.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** Node drains take one dashboard at a time, and a single dashboard never blocks a drain. */
@Tag(Tiers.UNIT)
class DashboardDisruptionBudgetTest {

    static Stack withDashboards(int replicas) {
        return TestStacks.withSpec("""
                version: '2025_10.1'
                dashboard:
                  replicas: %d
                files:
                  persistentVolume:
                    accessMode: ReadWriteMany
                """.formatted(replicas));
    }

    @ParameterizedTest(name = "{0} replicas -> {1}")
    @CsvSource({ "1, false", "2, true", "5, true" })
    void isWantedOnlyWithMoreThanOneDashboard(int replicas, boolean wanted) {
        assertThat(DashboardDisruptionBudget.wanted(withDashboards(replicas))).isEqualTo(wanted);
    }

    @Test
    void isNotWantedByDefault() {
        assertThat(DashboardDisruptionBudget.wanted(TestStacks.minimal())).isFalse();
    }

    @Test
    void letsOneDashboardGoAtATime() {
        PodDisruptionBudget budget = DashboardDisruptionBudget.desired(withDashboards(3));

        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(budget.getSpec().getMinAvailable()).isNull();
    }

    @Test
    void isNamedAfterTheDashboard() {
        PodDisruptionBudget budget = DashboardDisruptionBudget.desired(withDashboards(2));

        assertThat(budget.getMetadata().getName()).isEqualTo("bi-dashboard");
        assertThat(budget.getMetadata().getNamespace()).isEqualTo("analytics");
        assertThat(budget.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
    }

    @Test
    void selectsExactlyTheDashboardPods() {
        Stack stack = withDashboards(2);
        PodDisruptionBudget budget = DashboardDisruptionBudget.desired(stack);

        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "panintelligence",
                "app.kubernetes.io/instance", "bi",
                "app.kubernetes.io/component", "dashboard"));
        assertThat(TestStacks.deployment(stack, Component.DASHBOARD).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }
}
