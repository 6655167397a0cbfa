package io.panstack.operator.reconcile;

import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.panstack.operator.kube.JobMessages;
import io.panstack.operator.workloads.PodProblems;

/**
 * Which updates of a stack's pods start a reconcile. Of a Pi or MariaDB pod the operator reads only its problems
 * (PodProblems) and its labels: readiness comes from the Deployment's or StatefulSet's status, which has its own
 * events, and a pod's coming and going are add and delete events, never filtered. Every update of a Job's pod
 * counts (its termination message is a backup's or a restore's outcome). A pod reports 4–5 status updates on its
 * way to Ready, each of which was a reconcile of the whole stack.
 */
public class PodUpdatesWorthReconciling implements OnUpdateFilter<Pod> {

    @Override
    public boolean accept(Pod updated, Pod old) {
        try {
            return labels(updated).containsKey(JobMessages.JOB_NAME_LABEL)
                    || !Objects.equals(labels(updated), labels(old))
                    || !PodProblems.ofPod(updated).equals(PodProblems.ofPod(old));
        } catch (RuntimeException e) {
            // A pod this cannot read goes to the reconciler, which reports it; an exception here would lose the event.
            return true;
        }
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }
}
