package io.panstack.operator.status;

/**
 * Whether one thing the Pi workloads need (the database, the files, the bucket) is ready, why, and where it is.
 *
 * @param where what status reports about it
 */
public record Readiness<W>(boolean ready, String reason, String message, W where) {
}
