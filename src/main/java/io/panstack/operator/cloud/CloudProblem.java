package io.panstack.operator.cloud;

import io.panstack.operator.status.Problem;

/**
 * Thrown by the AWS reconcile logic when it must stop for a human (a name taken by someone else, an instance to adopt
 * that does not exist, a change AWS cannot make). Becomes Stalled with this problem; nothing after it is changed.
 */
public class CloudProblem extends RuntimeException {
    private final transient Problem problem;

    public CloudProblem(String reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.problem = new Problem(reason, message);
    }

    public Problem problem() {
        return problem;
    }
}
