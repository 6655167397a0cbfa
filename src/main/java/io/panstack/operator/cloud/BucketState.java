package io.panstack.operator.cloud;


/**
 * What the operator knows about the stack's S3 bucket after a pass.
 *
 * @param pruned how many old logical backups went (housekeeping: a failure is reported, never holds anything); null
 *               when not pruned in this pass
 */
public record BucketState(String name, String region, ResourceState state, Observed<Integer> pruned) {

    public BucketState(String name, String region, ResourceState state) {
        this(name, region, state, null);
    }
}
