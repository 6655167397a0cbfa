package io.panstack.operator.aws;

/** Neither the spec nor the operator's environment names an AWS region: a human must set one. */
public class AwsRegionUnknownException extends RuntimeException {

    static final String MESSAGE =
            "No AWS region: set spec.aws.region, or AWS_REGION in the operator's environment";

    public AwsRegionUnknownException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
