package io.panstack.operator.status;

import java.util.List;

import io.panstack.operator.api.v1alpha1.FilesStatus;

/**
 * Everything the status is computed from, gathered by the reconciler from its caches: the status aggregator is a
 * pure function of this, the previous status and the time.
 *
 * @param problem          what stalls the stack, or null
 * @param reconcileError   message of the failure of the last reconcile attempt (being retried), or null
 * @param database         whether the repository database takes connections, and where it is
 * @param databaseWorkload the in-cluster MariaDB StatefulSet, or null in external mode
 * @param components       the Pi components enabled in the spec, in spec order
 */
public record Observation(long generation, Problem problem, String reconcileError, DatabaseObservation database,
        ComponentObservation databaseWorkload, List<ComponentObservation> components, FilesStatus files, String url) {
}
