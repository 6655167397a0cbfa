package io.panstack.operator.status;

/**
 * Something a human must change before the operator can go on: becomes Stalled=True with this reason (CamelCase)
 * and message (naming the fix). Never carries a secret value.
 */
public record Problem(String reason, String message) {
}
