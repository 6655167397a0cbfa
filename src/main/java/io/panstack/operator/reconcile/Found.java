package io.panstack.operator.reconcile;

import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * What the checks and the AWS pass of one reconcile found.
 *
 * @param problem the first problem (it stalls the stack), or null
 * @param stack   the stack as AWS revealed it (the RDS endpoint)
 * @param cloud   its AWS resources; null without any, or when the pass stopped before AWS
 */
record Found(Problem problem, Stack stack, CloudState cloud) {
}
