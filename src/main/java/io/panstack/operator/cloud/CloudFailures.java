package io.panstack.operator.cloud;

import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.aws.AwsRegionUnknownException;
import io.panstack.operator.status.Problem;

/**
 * Which failures of an AWS pass need a human (become Stalled, no retry storm) and which are retried with back-off
 * (throttling, 5xx, time-outs, expired credentials: null here, the caller rethrows).
 */
public final class CloudFailures {

    private CloudFailures() {
    }

    public static Problem problemOf(Throwable failure) {
        if (failure instanceof CloudProblem problem) {
            return problem.problem();
        }
        if (failure instanceof AwsRegionUnknownException) {
            return new Problem("AwsRegionUnknown", failure.getMessage());
        }
        return switch (AwsErrors.classify(failure)) {
            case TERMINAL -> new Problem("AwsRequestRejected", "AWS refused a request: " + AwsErrors.message(failure)
                    + ". Correct the spec; the operator tries again when it changes.");
            case PERMISSION -> new Problem("AwsAccessDenied", "AWS denied a request: " + AwsErrors.message(failure)
                    + ". Give the operator's IAM role the actions in deploy/aws/iam-policy.json.");
            case RETRYABLE -> null;
        };
    }
}
