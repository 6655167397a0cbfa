package io.panstack.operator.reconcile;

import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.cloud.BucketState;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.EfsState;
import io.panstack.operator.cloud.RdsState;
import io.panstack.operator.database.MasterCredentials;
import io.panstack.operator.database.RdsDatabase;
import io.panstack.operator.database.RdsRestore;
import io.panstack.operator.files.EfsFiles;
import io.panstack.operator.stack.Stack;

/**
 * One pass over a stack's AWS resources, in the order that starts the slowest first: the RDS instance, the EFS file
 * system, the bucket. Every pass starts by looking each resource up by its natural key, so a pass cut short anywhere
 * (crash, failed call) is simply run again. Stops at the first CloudProblem; AWS errors propagate.
 */
final class CloudResources {

    private CloudResources() {
    }

    /** A pass while no upgrade waits for an RDS snapshot. */
    public static CloudState reconcile(Stack stack, AwsServices aws, MasterCredentials credentials) {
        return reconcile(stack, aws, credentials, null);
    }

    /**
     * @param safetySnapshot the RDS snapshot an upgrade waits for (see SafetySnapshot), or null when none does
     */
    public static CloudState reconcile(Stack stack, AwsServices aws, MasterCredentials credentials,
            String safetySnapshot) {
        return reconcile(stack, aws, credentials, safetySnapshot, null);
    }

    /**
     * @param restore the stack's active PanStackRestore to an RDS snapshot or point in time, or null
     */
    public static CloudState reconcile(Stack stack, AwsServices aws, MasterCredentials credentials,
            String safetySnapshot, RdsRestore.Request restore) {
        PanStackSpec spec = stack.spec();
        RdsState database = spec.getDatabase().getRds() == null ? null
                : RdsDatabase.reconcile(stack, aws.rds(), credentials, safetySnapshot, restore);
        EfsState files = spec.getFiles().getEfs() == null ? null
                : EfsFiles.reconcile(stack, aws.efs(), aws.efsBackups());
        BucketState bucket = spec.getBucket() == null ? null : StackBucket.reconcile(stack, aws.s3(), aws.region());
        return new CloudState(aws.region(), database, files, bucket);
    }
}
