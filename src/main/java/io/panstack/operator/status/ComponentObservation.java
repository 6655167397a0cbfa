package io.panstack.operator.status;

import java.util.List;

/**
 * What the operator saw of one workload (a Pi Deployment, or the MariaDB StatefulSet).
 *
 * @param exists          the workload object exists
 * @param rolloutObserved its controller has seen the current pod template (status.observedGeneration is current)
 * @param totalReplicas   pods of any template, so a rollout still holding old pods is not called done
 * @param problems        problems seen on its pods or rollout, already phrased for humans
 * @param waitingForDatabase not created yet because it must not start before the database is ready
 */
public record ComponentObservation(String name, String image, int desiredReplicas, boolean exists,
        boolean rolloutObserved, int readyReplicas, int updatedReplicas, int totalReplicas, List<String> problems,
        boolean waitingForDatabase) {

    public static ComponentObservation notCreated(String name, String image, int desiredReplicas,
            boolean waitingForDatabase) {
        return new ComponentObservation(name, image, desiredReplicas, false, false, 0, 0, 0, List.of(),
                waitingForDatabase);
    }

    public boolean ready() {
        return exists && rolloutObserved && updatedReplicas >= desiredReplicas && readyReplicas >= desiredReplicas
                && totalReplicas <= desiredReplicas;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
