package io.panstack.operator.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.aws.efs.FileSystems.FileSystem;
import io.panstack.operator.aws.efs.FileSystems.MountTarget;
import io.panstack.operator.aws.efs.FileSystems;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstanceChange;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.aws.s3.Buckets.Bucket;
import io.panstack.operator.aws.s3.Buckets;
import io.panstack.operator.bucket.StackBucket;
import io.panstack.operator.cloud.Idempotent;
import io.panstack.operator.database.RdsDatabase;
import io.panstack.operator.files.EfsFiles;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What becomes of a deleted PanStack's AWS resources, per deletionPolicy. Called on every pass of the finalizer
 * until {@link Release#done()}: each pass looks at what AWS reports now and takes the next step, so a pass cut short
 * is simply repeated. Only resources that are this PanStack's (its uid tag, its creation token or derived name, or
 * adopted through the spec) are ever touched, and only Snapshot and Delete delete anything.
 */
public final class CloudRelease {

    private CloudRelease() {
    }

    /**
     * @param waitingFor what AWS is still working on (the PanStack stays while this is not empty)
     * @param kept       resources left in AWS on purpose, for the last event
     */
    public record Release(List<String> waitingFor, List<String> kept) {
        public boolean done() {
            return waitingFor.isEmpty();
        }
    }

    public static Release release(Stack stack, AwsServices aws) {
        PanStackSpec spec = stack.spec();
        DeletionPolicy policy = spec.deletionPolicy();
        List<String> waiting = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        if (spec.getDatabase().getRds() != null) {
            database(stack, aws.rds(), policy, waiting, kept);
        }
        if (spec.getFiles().getEfs() != null) {
            files(stack, aws.efs(), policy, waiting, kept);
        }
        if (spec.getBucket() != null) {
            bucket(stack, aws.s3(), policy, kept);
        }
        return new Release(waiting, kept);
    }

    private static void database(Stack stack, DatabaseInstances rds, DeletionPolicy policy, List<String> waiting,
            List<String> kept) {
        String id = RdsDatabase.identifier(stack);
        Optional<DbInstance> found = rds.findInstance(id);
        boolean adopted = stack.spec().getDatabase().getRds().adopts();
        if (found.isPresent() && !adopted && !AwsTags.ownedBy(found.get().tags(), stack)) {
            return; // someone else's instance of the same name: never touched
        }
        if (policy == DeletionPolicy.Retain) {
            found.ifPresent(instance -> {
                rds.untag(instance.arn(), AwsTags.OWNERSHIP);
                kept.add("RDS instance " + id);
            });
            return;
        }
        if (found.isPresent()) {
            DbInstance instance = found.get();
            waiting.add("RDS instance " + id + " (" + instance.status() + ")");
            if ("deleting".equals(instance.status())) {
                return;
            }
            if (Boolean.TRUE.equals(instance.deletionProtection())) {
                // Lifted only now, because the user asked for deletion through the policy.
                rds.modifyInstance(id, new DbInstanceChange(null, null, null, null, false, null));
                return;
            }
            Optional<String> snapshot = policy == DeletionPolicy.Snapshot
                    ? Optional.of(AwsNames.finalSnapshot(id, stack)) : Optional.empty();
            retryLater(List.of("InvalidDBInstanceState", "InvalidDBInstanceStateFault"),
                    () -> rds.deleteInstance(id, snapshot));
            return;
        }
        if (policy == DeletionPolicy.Snapshot) {
            kept.add("final RDS snapshot " + AwsNames.finalSnapshot(id, stack));
        }
        if (adopted) {
            return;
        }
        // The groups were made for the instance. Snapshot keeps them: restoring the final snapshot needs them.
        if (policy == DeletionPolicy.Delete) {
            deleteIfPresent(rds.findParameterGroup(id).isPresent(), () -> rds.deleteParameterGroup(id),
                    "DB parameter group " + id, waiting);
            deleteIfPresent(rds.findSubnetGroup(id).isPresent(), () -> rds.deleteSubnetGroup(id),
                    "DB subnet group " + id, waiting);
        } else {
            kept.add("DB parameter group and DB subnet group " + id);
        }
    }

    private static void files(Stack stack, FileSystems efs, DeletionPolicy policy, List<String> waiting,
            List<String> kept) {
        Optional<FileSystem> found = EfsFiles.find(stack, efs);
        if (found.isEmpty()) {
            return;
        }
        FileSystem fs = found.get();
        if (policy != DeletionPolicy.Delete) {
            efs.untag(fs.id(), AwsTags.OWNERSHIP);
            kept.add("EFS file system " + fs.id());
            return;
        }
        waiting.add("EFS file system " + fs.id() + " (" + fs.lifeCycleState() + ")");
        if ("deleting".equals(fs.lifeCycleState())) {
            return;
        }
        efs.accessPoints(fs.id()).forEach(ap -> efs.deleteAccessPoint(ap.id()));
        List<MountTarget> targets = efs.mountTargets(fs.id());
        if (!targets.isEmpty()) {
            targets.stream().filter(t -> !"deleting".equals(t.lifeCycleState()))
                    .forEach(t -> efs.deleteMountTarget(t.id()));
            return; // the file system can go once its mount targets are gone
        }
        retryLater(List.of("FileSystemInUse"), () -> efs.delete(fs.id()));
    }

    private static void bucket(Stack stack, Buckets s3, DeletionPolicy policy, List<String> kept) {
        String name = StackBucket.name(stack);
        Optional<Bucket> found = s3.find(name);
        if (found.isEmpty()) {
            return;
        }
        if (policy != DeletionPolicy.Delete) {
            Map<String, String> tags = new java.util.LinkedHashMap<>(found.get().tags());
            if (tags.keySet().removeAll(AwsTags.OWNERSHIP)) {
                s3.setTags(name, tags);
            }
            kept.add("bucket " + name);
            return;
        }
        s3.emptyAndDelete(name);
    }

    private static void deleteIfPresent(boolean present, Runnable delete, String what, List<String> waiting) {
        if (present) {
            waiting.add(what);
            retryLater(List.of("InvalidDBParameterGroupState", "InvalidDBSubnetGroupStateFault",
                    "InvalidDBSubnetGroupState"), delete);
        }
    }

    /** A delete AWS cannot take yet (the resource is busy): the next pass tries again. */
    private static void retryLater(List<String> busyCodes, Runnable delete) {
        try {
            delete.run();
        } catch (AwsServiceException e) {
            String code = Idempotent.errorCode(e);
            if (code == null || !busyCodes.contains(code)) {
                throw e;
            }
        }
    }
}
