package io.panstack.operator.aws;

/**
 * The few AWS client settings the operator exposes.
 *
 * @param maxAttempts attempts per API call, the first included (panstack.aws.max-attempts)
 * @param s3PathStyle address buckets as host/bucket rather than bucket.host (panstack.aws.s3.path-style); S3
 *            emulators need it, AWS does not
 */
public record AwsSettings(int maxAttempts, boolean s3PathStyle) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public AwsSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("panstack.aws.max-attempts must be at least 1, not " + maxAttempts);
        }
    }

    public static AwsSettings defaults() {
        return new AwsSettings(DEFAULT_MAX_ATTEMPTS, false);
    }
}
