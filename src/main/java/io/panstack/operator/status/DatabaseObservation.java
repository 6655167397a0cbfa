package io.panstack.operator.status;

import io.panstack.operator.api.v1alpha1.DatabaseStatus;

/** Whether the repository database can take connections, why, and where it is. */
public record DatabaseObservation(boolean ready, String reason, String message, DatabaseStatus where) {
}
