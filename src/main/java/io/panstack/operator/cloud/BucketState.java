package io.panstack.operator.cloud;


/** What the operator knows about the stack's S3 bucket after a pass. */
public record BucketState(String name, String region, ResourceState state) {
}
