package io.panstack.operator.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** An HPA for each autoscaled component, none for the others; the dashboard's budget and sessions follow it. */
@Tag(Tiers.UNIT)
class ComponentAutoscalerTest {
    static final Stack AUTOSCALED = TestStacks.withSpec("""
            version: '2025_10.1'
            dashboard:
              autoscaling: {minReplicas: 2, maxReplicas: 4, targetMemoryUtilizationPercentage: 70}
            renderer:
              autoscaling: {maxReplicas: 5}
            analytics:
              autoscaling: {minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 60, targetMemoryUtilizationPercentage: 75}
            files:
              persistentVolume:
                accessMode: ReadWriteMany
            """);

    @Test
    void eachAutoscaledComponentGetsAnHpaOnItsDeployment() {
        Map<String, HorizontalPodAutoscaler> hpas = ComponentAutoscaler.desired(AUTOSCALED);

        assertThat(hpas).containsOnlyKeys("dashboard", "renderer", "analytics");
        HorizontalPodAutoscaler renderer = hpas.get("renderer");
        assertThat(renderer.getMetadata().getName()).isEqualTo(TestStacks.NAME + "-renderer");
        assertThat(renderer.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(renderer.getSpec().getScaleTargetRef().getName()).isEqualTo(TestStacks.NAME + "-renderer");
        assertThat(renderer.getSpec().getMinReplicas()).as("default minimum").isEqualTo(1);
        assertThat(renderer.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(renderer.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).as("default target").isEqualTo(80);
        });
        assertThat(hpas.get("dashboard").getSpec().getMetrics()).as("memory only, as asked").singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("memory"));
        assertThat(hpas.get("analytics").getSpec().getMetrics())
                .extracting(metric -> metric.getResource().getName() + "=" + metric.getResource().getTarget().getAverageUtilization())
                .containsExactly("cpu=60", "memory=75");
    }

    @Test
    void noHpaWithoutAutoscalingOrForAComponentThatIsOff() {
        assertThat(ComponentAutoscaler.desired(TestStacks.minimal())).isEmpty();
        assertThat(ComponentAutoscaler.desired(TestStacks.withSpec("""
                version: '2025_10.1'
                excelReader:
                  enabled: false
                  autoscaling: {maxReplicas: 3}
                """))).isEmpty();
    }

    @Test
    void theDashboardsDisruptionBudgetFollowsTheMinimumAndSessionsStickFromTheMaximum() {
        assertThat(DashboardDisruptionBudget.wanted(AUTOSCALED)).as("minimum 2").isTrue();
        Stack fromOne = TestStacks.withSpec("""
                version: '2025_10.1'
                dashboard:
                  autoscaling: {minReplicas: 1, maxReplicas: 3}
                files:
                  persistentVolume:
                    accessMode: ReadWriteMany
                """);
        assertThat(DashboardDisruptionBudget.wanted(fromOne)).as("a budget at one pod would block every drain").isFalse();
        assertThat(StackService.forComponent(fromOne, io.panstack.operator.stack.Component.DASHBOARD).getSpec()
                .getSessionAffinity()).as("sticky sessions as soon as a second pod may run").isEqualTo("ClientIP");
    }
}
