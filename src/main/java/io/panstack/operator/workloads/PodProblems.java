package io.panstack.operator.workloads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.panstack.operator.database.ServerSettingsCheck;

/**
 * Turns what kubelet and the scheduler report on pods into short, stable sentences for status (no pod names or
 * back-off timers, so status does not change on every retry).
 */
public final class PodProblems {
    /** Waiting reasons that mean the container will not start without a change. */
    static final Set<String> FAILING = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");
    static final int MAX_PROBLEMS = 3;
    static final int MESSAGE_LIMIT = 300;

    private PodProblems() {
    }

    public static List<String> of(Collection<Pod> pods) {
        Set<String> problems = new LinkedHashSet<>();
        pods.stream().sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
                .forEach(pod -> problems.addAll(ofPod(pod)));
        return problems.stream().limit(MAX_PROBLEMS).toList();
    }

    /** Rollout failures the Deployment controller reports (quota exceeded, progress deadline). */
    public static List<String> ofRollout(List<DeploymentCondition> conditions) {
        if (conditions == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (DeploymentCondition condition : conditions) {
            boolean stuck = "Progressing".equals(condition.getType()) && "False".equals(condition.getStatus());
            boolean failed = "ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus());
            if (stuck || failed) {
                problems.add(condition.getReason() + ": " + condition.getMessage());
            }
        }
        return problems;
    }

    public static List<String> ofPod(Pod pod) {
        List<String> problems = new ArrayList<>();
        if (pod.getStatus() == null) {
            return problems;
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && "Unschedulable".equals(condition.getReason())) {
                    problems.add("Unschedulable: " + condition.getMessage());
                }
            }
        }
        Stream.concat(stream(pod.getStatus().getInitContainerStatuses()), stream(pod.getStatus().getContainerStatuses()))
                .map(PodProblems::ofContainer).filter(Objects::nonNull).forEach(problems::add);
        return problems;
    }

    private static String ofContainer(ContainerStatus status) {
        String container = status.getName();
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        if (status.getState() != null && status.getState().getWaiting() != null) {
            String reason = status.getState().getWaiting().getReason();
            // kubelet reports a waiting container without a reason while it creates it (Set.of refuses null)
            if (reason != null && FAILING.contains(reason)) {
                if ("CrashLoopBackOff".equals(reason)) {
                    return "CrashLoopBackOff: container " + container + " keeps exiting" + lastExit(last)
                            + (ServerSettingsCheck.CONTAINER.equals(container) ? said(last) : "");
                }
                String message = status.getState().getWaiting().getMessage();
                return reason + ": container " + container + (message == null || message.isBlank() ? "" : ": " + message);
            }
        }
        if (last != null && "OOMKilled".equals(last.getReason())) {
            return "OOMKilled: container " + container + " used more memory than its limit and was restarted";
        }
        return null;
    }

    private static String lastExit(ContainerStateTerminated last) {
        if (last == null) {
            return "";
        }
        return " (last exit: " + (last.getReason() == null ? "" : last.getReason() + ", ") + "code " + last.getExitCode() + ")";
    }

    /**
     * What the operator's own check said (its last line, capped): it says more than an exit code. Other containers'
     * messages are the images' to write and stay out of status.
     */
    private static String said(ContainerStateTerminated last) {
        String message = last == null || last.getMessage() == null ? "" : last.getMessage().strip();
        String line = message.lines().reduce((first, next) -> next).orElse("");
        return line.isEmpty() ? "" : ": " + (line.length() > MESSAGE_LIMIT ? line.substring(0, MESSAGE_LIMIT) + "…" : line);
    }

    private static <T> Stream<T> stream(List<T> list) {
        return list == null ? Stream.empty() : list.stream();
    }
}
