package io.panstack.operator.cloud;

import java.util.List;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS calls that may already have happened (an earlier pass was cut short right after the call), or that AWS cannot
 * take yet: every pass looks at AWS afresh, so repeating or postponing them is safe.
 */
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

    /** Runs a delete; an AWS error that means "busy, not yet" is left for the next pass, any other is thrown. */
    public static void deleteUnlessBusy(List<String> busyCodes, Runnable delete) {
        try {
            delete.run();
        } catch (AwsServiceException e) {
            String code = errorCode(e);
            if (code == null || !busyCodes.contains(code)) {
                throw e;
            }
        }
    }
}
