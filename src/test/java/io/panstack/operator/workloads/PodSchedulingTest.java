package io.panstack.operator.workloads;

import static io.panstack.operator.testsupport.TestStacks.deployment;
import static io.panstack.operator.testsupport.TestStacks.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.panstack.operator.database.MariaDb;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** spec.scheduling and each component's, as the pods get them. */
@Tag(Tiers.UNIT)
class PodSchedulingTest {
    static final Stack SCHEDULED = TestStacks.withSpec("""
            version: '2025_10.1'
            scheduling:
              nodeSelector: {pool: bi}
              tolerations: [{key: dedicated, operator: Equal, value: bi, effect: NoSchedule}]
              priorityClassName: business-critical
              podLabels: {team: analytics}
              podAnnotations: {fluentbit.io/parser: json}
              serviceAccountName: bi-pods
            renderer:
              scheduling:
                nodeSelector: {pool: bi-large}
                topologySpreadConstraints: []
            """);

    @Test
    void everyPodGetsTheStacksSchedulingAndAComponentReplacesTheFieldsItSets() {
        PodSpec dashboard = pod(SCHEDULED, Component.DASHBOARD);
        assertThat(dashboard.getNodeSelector()).containsExactlyEntriesOf(java.util.Map.of("pool", "bi"));
        assertThat(dashboard.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(dashboard.getPriorityClassName()).isEqualTo("business-critical");
        assertThat(dashboard.getServiceAccountName()).isEqualTo("bi-pods");
        assertThat(dashboard.getAutomountServiceAccountToken()).as("for an IAM role, no API token").isFalse();
        assertThat(dashboard.getTopologySpreadConstraints()).as("the default spread stays").hasSize(2);

        PodSpec renderer = pod(SCHEDULED, Component.RENDERER);
        assertThat(renderer.getNodeSelector()).containsExactlyEntriesOf(java.util.Map.of("pool", "bi-large"));
        assertThat(renderer.getTolerations()).as("not set on the renderer: the stack's").hasSize(1);
        assertThat(renderer.getTopologySpreadConstraints()).as("an empty list spreads nothing").isEmpty();

        PodSpec mariadb = MariaDb.desired(SCHEDULED).getSpec().getTemplate().getSpec();
        assertThat(mariadb.getNodeSelector()).containsEntry("pool", "bi");
        assertThat(mariadb.getPriorityClassName()).isEqualTo("business-critical");
    }

    @Test
    void extraLabelsAndAnnotationsGoOnThePodsNeverOnTheSelectors() {
        Deployment dashboard = deployment(SCHEDULED, Component.DASHBOARD);
        var template = dashboard.getSpec().getTemplate().getMetadata();
        assertThat(template.getLabels()).containsEntry("team", "analytics")
                .containsEntry(StackLabels.INSTANCE, SCHEDULED.name());
        assertThat(template.getAnnotations()).containsEntry("fluentbit.io/parser", "json");
        assertThat(dashboard.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
        assertThat(dashboard.getMetadata().getLabels()).doesNotContainKey("team");
        StatefulSet mariadb = MariaDb.desired(SCHEDULED);
        assertThat(mariadb.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "analytics");
    }

    @Test
    void withoutSchedulingThePodsAreAsBefore() {
        Stack minimal = TestStacks.minimal();
        PodSpec dashboard = pod(minimal, Component.DASHBOARD);
        assertThat(dashboard.getNodeSelector()).isNullOrEmpty();
        assertThat(dashboard.getTolerations()).isNullOrEmpty();
        assertThat(dashboard.getServiceAccountName()).isNull();
        assertThat(dashboard.getAutomountServiceAccountToken()).isNull();
        assertThat(dashboard.getTopologySpreadConstraints()).hasSize(2);
        assertThat(deployment(minimal, Component.DASHBOARD).getSpec().getTemplate().getMetadata().getAnnotations())
                .isNullOrEmpty();
        PodSpec mariadb = MariaDb.desired(minimal).getSpec().getTemplate().getSpec();
        assertThat(mariadb.getTopologySpreadConstraints()).isNullOrEmpty();
        assertThat(mariadb.getAffinity()).isNull();
    }

    @Test
    void theOperatorsAffinityBesideAReadWriteOnceVolumeIsAddedToTheUsers() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                scheduling:
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [bi]}]}]
                    podAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: cache}}}
                """);

        PodSpec dashboard = pod(stack, Component.DASHBOARD);

        assertThat(dashboard.getAffinity().getNodeAffinity()).isNotNull();
        assertThat(dashboard.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .extracting(term -> term.getTopologyKey())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(pod(stack, Component.RENDERER).getAffinity().getPodAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()).as("the renderer mounts no files").hasSize(1);
    }
}
