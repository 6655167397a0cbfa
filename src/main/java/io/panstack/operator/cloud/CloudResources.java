package io.panstack.operator.cloud;

import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.EfsFiles.EfsState;
import io.panstack.operator.cloud.RdsDatabase.RdsState;
import io.panstack.operator.cloud.StackBucket.BucketState;
import io.panstack.operator.stack.Stack;

/**
 * One pass over a stack's AWS resources, in the order that starts the slowest first: the RDS instance, the EFS file
 * system, the bucket. Every pass starts by looking each resource up by its natural key, so a pass cut short anywhere
 * (crash, failed call) is simply run again. Stops at the first {@link CloudProblem}; AWS errors propagate.
 */
public final class CloudResources {

    private CloudResources() {
    }

    public static CloudState reconcile(Stack stack, AwsServices aws, MasterCredentials credentials) {
        PanStackSpec spec = stack.spec();
        RdsState database = spec.getDatabase().getRds() == null ? null
                : RdsDatabase.reconcile(stack, aws.rds(), credentials);
        EfsState files = spec.getFiles().getEfs() == null ? null
                : EfsFiles.reconcile(stack, aws.efs(), aws.efsBackups());
        BucketState bucket = spec.getBucket() == null ? null : StackBucket.reconcile(stack, aws.s3(), aws.region());
        return new CloudState(aws.region(), database, files, bucket);
    }
}
