package io.panstack.operator.aws;

/** Hands out the AWS services of a region. Tests put a factory of fakes in its place. */
public interface AwsServicesFactory {

    /**
     * The services of a region; null or blank means the operator's own region (AWS_REGION, the aws.region system
     * property or the AWS profile).
     *
     * @throws AwsRegionUnknownException when no region is given and none can be found in the environment
     */
    AwsServices forRegion(String region);
}
