package io.panstack.operator.reconcile;

import java.util.List;
import java.util.Set;

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
        return reconcile(stack, aws, credentials, (String) null);
    }

    /** A pass while an upgrade may wait for an RDS snapshot. */
    public static CloudState reconcile(Stack stack, AwsServices aws, MasterCredentials credentials,
            String safetySnapshot) {
        return reconcile(stack, aws, credentials, new Asked(safetySnapshot, null, Set.of(), List.of()));
    }

    /**
     * What the stack's other resources ask of this pass.
     *
     * @param safetySnapshot the RDS snapshot an upgrade waits for (see SafetySnapshot), or null when none does
     * @param rdsRestore     the stack's active PanStackRestore to an RDS snapshot or point in time, or null
     * @param backupsInUse   backups a restore of the stack needs: never pruned (see BackupsInUse)
     * @param rdsSnapshots   manual RDS snapshots PanStackBackups want taken (see RdsSnapshotBackups)
     */
    record Asked(String safetySnapshot, RdsRestore.Request rdsRestore, Set<String> backupsInUse,
            List<String> rdsSnapshots) {
        static Asked rdsRestore(RdsRestore.Request restore) {
            return new Asked(null, restore, Set.of(), List.of());
        }

        static Asked rdsSnapshots(List<String> snapshots) {
            return new Asked(null, null, Set.of(), snapshots);
        }
    }

    public static CloudState reconcile(Stack stack, AwsServices aws, MasterCredentials credentials, Asked asked) {
        PanStackSpec spec = stack.spec();
        RdsState database = spec.getDatabase().getRds() == null ? null
                : RdsDatabase.reconcile(stack, aws.rds(), credentials, asked.safetySnapshot(), asked.rdsRestore(),
                        asked.rdsSnapshots());
        EfsState files = spec.getFiles().getEfs() == null ? null
                : EfsFiles.reconcile(stack, aws.efs(), aws.efsBackups());
        BucketState bucket = spec.getBucket() == null ? null
                : StackBucket.reconcile(stack, aws.s3(), aws.region(), asked.backupsInUse());
        return new CloudState(aws.region(), database, files, bucket);
    }
}
