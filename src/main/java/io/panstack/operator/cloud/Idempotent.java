package io.panstack.operator.cloud;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS creates that may already have happened, because an earlier pass was cut short right after the call. */
public final class Idempotent {

    private Idempotent() {
    }

    /** Runs the create; the AWS error that means "it exists already" counts as done, any other is thrown. */
    public static void create(String alreadyDoneCode, Runnable create) {
        try {
            create.run();
        } catch (AwsServiceException e) {
            if (!alreadyDoneCode.equals(errorCode(e))) {
                throw e;
            }
        }
    }

    public static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
