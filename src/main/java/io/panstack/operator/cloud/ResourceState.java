package io.panstack.operator.cloud;

/**
 * Where one AWS resource of a stack stands.
 *
 * @param ready    usable by the Pi workloads
 * @param settling AWS is still working on it (creating, modifying): look again soon
 * @param reason   CamelCase reason for the resource's condition
 * @param message  human summary, with the AWS state in it
 */
public record ResourceState(boolean ready, boolean settling, String reason, String message) {
}
