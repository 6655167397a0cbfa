package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class PodUpdatesWorthReconcilingTest {
    static final Map<String, String> RENDERER = Map.of("app.kubernetes.io/instance", "bi",
            "app.kubernetes.io/component", "renderer");
    final PodUpdatesWorthReconciling filter = new PodUpdatesWorthReconciling();

    static Pod pod(Map<String, String> labels, PodStatus status) {
        return new PodBuilder().withNewMetadata().withName("bi-renderer-abc").withNamespace("analytics")
                .withLabels(labels).endMetadata().withStatus(status).build();
    }

    static PodStatus waiting(String reason) {
        return new PodStatusBuilder().withPhase("Pending").addNewContainerStatus().withName("renderer").withReady(false)
                .withNewState().withNewWaiting().withReason(reason).endWaiting().endState().endContainerStatus().build();
    }

    static PodStatus running(boolean ready) {
        return new PodStatusBuilder().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().addNewContainerStatus().withName("renderer")
                .withReady(ready).withNewState().withNewRunning().withStartedAt("2026-11-30T22:00:00Z").endRunning()
                .endState().endContainerStatus().build();
    }

    @Test
    void aPodOnItsWayToReadyWakesNoReconcile() {
        assertThat(filter.accept(pod(RENDERER, waiting("ContainerCreating")), pod(RENDERER, null))).isFalse();
        assertThat(filter.accept(pod(RENDERER, running(false)), pod(RENDERER, waiting("ContainerCreating")))).isFalse();
        assertThat(filter.accept(pod(RENDERER, running(true)), pod(RENDERER, running(false)))).isFalse();
    }

    /** kubelet reports a container waiting without a reason while it creates it. */
    @Test
    void aContainerWaitingWithoutAReasonIsNoProblem() {
        PodStatus created = new PodStatusBuilder().withPhase("Pending").addNewContainerStatus().withName("renderer")
                .withNewState().withNewWaiting().endWaiting().endState().endContainerStatus().build();

        assertThat(filter.accept(pod(RENDERER, created), pod(RENDERER, waiting("CrashLoopBackOff"))))
                .as("the crash loop is over").isTrue();
        assertThat(filter.accept(pod(RENDERER, running(true)), pod(RENDERER, created))).isFalse();
    }

    @Test
    void aProblemThatComesOrGoesWakesOne() {
        assertThat(filter.accept(pod(RENDERER, waiting("ImagePullBackOff")), pod(RENDERER, waiting("ContainerCreating"))))
                .isTrue();
        assertThat(filter.accept(pod(RENDERER, running(true)), pod(RENDERER, waiting("ImagePullBackOff")))).isTrue();
        PodStatus unschedulable = new PodStatusBuilder().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage("0/3 nodes are available").endCondition()
                .build();
        assertThat(filter.accept(pod(RENDERER, unschedulable), pod(RENDERER, null))).isTrue();
    }

    @Test
    void everyUpdateOfAJobsPodAndEveryLabelChangeWakesOne() {
        Map<String, String> backupJob = Map.of("app.kubernetes.io/instance", "bi", "job-name", "bi-backup-now-1");
        assertThat(filter.accept(pod(backupJob, running(false)), pod(backupJob, waiting("ContainerCreating")))).isTrue();
        assertThat(filter.accept(pod(Map.of("app.kubernetes.io/instance", "bi"), running(true)),
                pod(RENDERER, running(true)))).isTrue();
    }
}
