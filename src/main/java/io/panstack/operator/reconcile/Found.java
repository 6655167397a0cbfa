package io.panstack.operator.reconcile;

import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * What the checks and the AWS pass of one reconcile found.
 *
 * @param problem     the first problem (it stalls the stack), or null
 * @param stack       the stack as AWS revealed it (the RDS endpoint)
 * @param cloud       its AWS resources; null without any, or when the pass stopped before AWS
 * @param unreachable AWS could not be asked now (throttled, 5xx, no answer): {@code cloud} is then the last state
 *                    seen, the pass goes on with it, and this failure is thrown once the pass is done, so that AWS is
 *                    asked again with back-off; null when AWS answered
 */
record Found(Problem problem, Stack stack, CloudState cloud, RuntimeException unreachable) {

    Found(Problem problem, Stack stack, CloudState cloud) {
        this(problem, stack, cloud, null);
    }
}
