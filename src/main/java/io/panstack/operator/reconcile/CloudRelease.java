package io.panstack.operator.reconcile;

import java.util.List;

import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.database.RdsDatabase;
import io.panstack.operator.files.EfsFiles;
import io.panstack.operator.stack.Stack;

/**
 * What becomes of a deleted PanStack's AWS resources, per deletionPolicy. Called on every pass of the finalizer
 * until {@link Release#done()}: each pass looks at what AWS reports now and takes the next step, so a pass cut short
 * is simply repeated. Each resource releases itself under its own ownership rule, so only resources that are this
 * PanStack's are ever touched, and only Snapshot and Delete delete anything.
 */
final class CloudRelease {

    private CloudRelease() {
    }

    static Release release(Stack stack, AwsServices aws) {
        return release(stack, aws, List.of());
    }

    /**
     * @param rdsRestores the uids of the stack's PanStackRestores to an RDS snapshot or point in time: the instances
     *                    they made go too, also those never switched to (a restore cut short or failed)
     */
    static Release release(Stack stack, AwsServices aws, List<String> rdsRestores) {
        PanStackSpec spec = stack.spec();
        DeletionPolicy policy = spec.deletionPolicy();
        Release release = new Release();
        if (spec.getDatabase().getRds() != null) {
            RdsDatabase.release(stack, aws.rds(), policy, release, rdsRestores);
        }
        if (spec.getFiles().getEfs() != null) {
            EfsFiles.release(stack, aws.efs(), policy, release);
        }
        if (spec.getBucket() != null) {
            StackBucket.release(stack, aws.s3(), policy, release);
        }
        return release;
    }
}
