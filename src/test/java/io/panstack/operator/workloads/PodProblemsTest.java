package io.panstack.operator.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class PodProblemsTest {

    static PodBuilder pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata();
    }

    static Pod waiting(String name, String container, String reason, String message) {
        return pod(name).withNewStatus().addNewContainerStatus().withName(container).withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void imagePullFailuresAreReportedWithKubeletsMessage() {
        Pod pod = waiting("demo-dashboard-1", "dashboard", "ImagePullBackOff", "Back-off pulling image \"ghcr.io/pi-cr/server:1\"");
        assertThat(PodProblems.of(List.of(pod)))
                .containsExactly("ImagePullBackOff: container dashboard: Back-off pulling image \"ghcr.io/pi-cr/server:1\"");
    }

    @Test
    void aContainerWaitingWithoutAReasonIsNoProblem() {
        assertThat(PodProblems.of(List.of(waiting("demo-dashboard-1", "dashboard", null, null)))).isEmpty();
    }

    @Test
    void crashLoopsNameTheLastExitButNotTheChangingBackOffTimer() {
        Pod pod = pod("demo-renderer-1").withNewStatus().addNewContainerStatus().withName("renderer")
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 2m40s restarting failed container=renderer pod=demo-renderer-1").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(137).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();

        assertThat(PodProblems.of(List.of(pod)))
                .containsExactly("CrashLoopBackOff: container renderer keeps exiting (last exit: Error, code 137)");
    }

    @Test
    void missingSecretsAndBadConfigShowUp() {
        Pod pod = waiting("p", "dashboard", "CreateContainerConfigError", "secret \"pi-licence\" not found");
        assertThat(PodProblems.of(List.of(pod))).singleElement().asString().contains("pi-licence");
    }

    @Test
    void initContainersAreCheckedToo() {
        Pod pod = pod("p").withNewStatus().addNewInitContainerStatus().withName("seed-files").withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").endWaiting().endState().endInitContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(pod))).singleElement().asString().contains("seed-files");
    }

    @Test
    void aFailingCheckSaysWhatItFound() {
        Pod pod = pod("p").withNewStatus().addNewInitContainerStatus().withName("check-database").withNewState()
                .withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().withNewLastState()
                .withNewTerminated().withReason("Error").withExitCode(1).withMessage("check-database: db.example.com:3306"
                        + " lacks what Pi needs: lower_case_table_names=1 (it is 0).\n")
                .endTerminated().endLastState().endInitContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(pod))).singleElement().asString()
                .contains("container check-database keeps exiting", "lower_case_table_names=1 (it is 0)");
    }

    @Test
    void otherContainersWordsStayOutOfStatus() {
        Pod pod = pod("p").withNewStatus().addNewContainerStatus().withName("dashboard").withNewState()
                .withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().withNewLastState()
                .withNewTerminated().withReason("Error").withExitCode(1).withMessage("jdbc:mariadb://db user=pi password=...")
                .endTerminated().endLastState().endContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(pod))).singleElement().asString().doesNotContain("jdbc", "password");
    }

    @Test
    void unschedulablePodsSayWhy() {
        Pod pod = pod("p").withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition()
                .endStatus().build();
        assertThat(PodProblems.of(List.of(pod))).containsExactly("Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
    }

    @Test
    void outOfMemoryKillsAreReported() {
        Pod pod = pod("p").withNewStatus().addNewContainerStatus().withName("dashboard").withNewState().withNewRunning()
                .endRunning().endState().withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .endTerminated().endLastState().endContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(pod))).singleElement().asString().startsWith("OOMKilled");
    }

    @Test
    void healthyAndStartingPodsHaveNoProblems() {
        Pod creating = waiting("a", "dashboard", "ContainerCreating", "");
        Pod running = pod("b").withNewStatus().addNewContainerStatus().withName("dashboard").withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(creating, running))).isEmpty();
    }

    @Test
    void theSameProblemOnSeveralPodsIsReportedOnceAndTheListIsBounded() {
        List<Pod> pods = List.of(
                waiting("a", "renderer", "ErrImagePull", "not found"),
                waiting("b", "renderer", "ErrImagePull", "not found"),
                waiting("c", "x1", "CrashLoopBackOff", null), waiting("d", "x2", "CrashLoopBackOff", null),
                waiting("e", "x3", "CrashLoopBackOff", null));
        List<String> problems = PodProblems.of(pods);
        assertThat(problems).hasSize(PodProblems.MAX_PROBLEMS).doesNotHaveDuplicates();
    }

    @Test
    void stuckRolloutsAreReported() {
        var stuck = new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"x\" has timed out progressing.").build();
        var quota = new DeploymentConditionBuilder().withType("ReplicaFailure").withStatus("True")
                .withReason("FailedCreate").withMessage("exceeded quota").build();
        var fine = new DeploymentConditionBuilder().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build();

        assertThat(PodProblems.ofRollout(List.of(stuck, quota, fine)))
                .containsExactly("ProgressDeadlineExceeded: ReplicaSet \"x\" has timed out progressing.", "FailedCreate: exceeded quota");
    }
}
