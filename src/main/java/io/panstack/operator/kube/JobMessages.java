package io.panstack.operator.kube;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * What a Job's pod said as it ended: the termination message its scripts write (their one summary line), which the
 * operator reads from the pods in its cache instead of fetching logs. Pure.
 */
public final class JobMessages {
    /** Where a container's termination message is written (Kubernetes' default terminationMessagePath). */
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /** The label Kubernetes puts on a Job's pods. */
    public static final String JOB_NAME_LABEL = "job-name";

    private JobMessages() {
    }

    /**
     * The last line of the termination message of the Job's newest pod: that of the named container, else (one that
     * failed before it) of a failed init container.
     */
    public static Optional<String> lastLine(Job job, List<Pod> pods, String container) {
        return pods.stream()
                .filter(pod -> pod.getMetadata().getLabels() != null
                        && job.getMetadata().getName().equals(pod.getMetadata().getLabels().get(JOB_NAME_LABEL)))
                .max(Comparator.comparing(pod -> pod.getMetadata().getCreationTimestamp() == null ? ""
                        : pod.getMetadata().getCreationTimestamp()))
                .flatMap(pod -> message(pod, container));
    }

    /** Whether the Job's newest pod exists and its named container never started (an init container failed first). */
    public static boolean neverStarted(Job job, List<Pod> pods, String container) {
        return pods.stream()
                .filter(pod -> pod.getMetadata().getLabels() != null
                        && job.getMetadata().getName().equals(pod.getMetadata().getLabels().get(JOB_NAME_LABEL)))
                .filter(pod -> pod.getStatus() != null)
                .anyMatch(pod -> terminated(pod.getStatus().getInitContainerStatuses()).stream()
                        .anyMatch(status -> status.getState().getTerminated().getExitCode() != 0)
                        && (pod.getStatus().getContainerStatuses() == null || pod.getStatus().getContainerStatuses()
                                .stream().noneMatch(status -> container.equals(status.getName())
                                        && status.getState() != null && (status.getState().getRunning() != null
                                                || status.getState().getTerminated() != null))));
    }

    private static Optional<String> message(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        Optional<String> main = terminated(pod.getStatus().getContainerStatuses()).stream()
                .filter(status -> container.equals(status.getName())).findFirst().flatMap(JobMessages::text);
        return main.isPresent() ? main
                : terminated(pod.getStatus().getInitContainerStatuses()).stream()
                        .filter(status -> status.getState().getTerminated().getExitCode() != 0)
                        .findFirst().flatMap(JobMessages::text);
    }

    private static List<ContainerStatus> terminated(List<ContainerStatus> statuses) {
        return statuses == null ? List.of() : statuses.stream()
                .filter(status -> status.getState() != null && status.getState().getTerminated() != null).toList();
    }

    private static Optional<String> text(ContainerStatus status) {
        String message = status.getState().getTerminated().getMessage();
        return message == null ? Optional.empty()
                : message.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce((first, last) -> last);
    }
}
