package io.panstack.operator.status;

/**
 * Why the stack does not yet run what its spec asks for although nothing is wrong: a new release waits for its
 * safety backup, the dashboard for the restore of the repository. Ready is False with this reason meanwhile.
 */
public record Hold(String reason, String message) {
}
