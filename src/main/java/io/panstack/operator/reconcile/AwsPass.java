package io.panstack.operator.reconcile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.aws.AwsServicesFactory;
import io.panstack.operator.backup.BackupsInUse;
import io.panstack.operator.backup.InPlaceRestores;
import io.panstack.operator.backup.RdsSnapshotBackups;
import io.panstack.operator.backup.UpgradeGate;
import io.panstack.operator.bucket.BackupPruning;
import io.panstack.operator.cloud.AwsPolling;
import io.panstack.operator.cloud.CloudCache;
import io.panstack.operator.cloud.CloudFailures;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.database.RdsCredentials;
import io.panstack.operator.database.RdsRestore;
import io.panstack.operator.files.BucketSeeding;
import io.panstack.operator.files.EfsVolume;
import io.panstack.operator.kube.DataObjects;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * A stack's AWS resources in one reconcile: the last pass while its poll is not due, else a new pass over RDS, EFS and
 * S3; then what hangs on them in the cluster (the EFS PersistentVolume, the files seeding). Failures that need a
 * human become a problem; the others (throttled, 5xx, unreachable) leave the stack on the last state AWS showed (the
 * reconciler throws them after the pass, so JOSDK retries with back-off), or, with none, are thrown at once.
 */
final class AwsPass {
    private final AwsServicesFactory aws;
    private final AwsPolling polling;
    private final SecureRandom random;
    private final Clock clock;
    private final CloudCache cache = new CloudCache();

    AwsPass(AwsServicesFactory aws, AwsPolling polling, SecureRandom random, Clock clock) {
        this.aws = aws;
        this.polling = polling;
        this.random = random;
        this.clock = clock;
    }

    Found run(Stack stack, Context<PanStack> context) {
        Asked asked = null;
        Instant now = clock.instant();
        boolean askingAws = false;
        try {
            AwsServices services = aws.forRegion(region(stack));
            Problem moved = regionMoved(stack, services.region());
            if (moved != null) {
                return new Found(moved, stack, null);
            }
            asked = asked(stack, context);
            CloudState cloud = cache.fresh(stack.resource(), asked.asleep(), now, polling)
                    .filter(asked::answeredBy).orElse(null);
            if (cloud == null) {
                Optional<RuntimeException> failing = cache.failedWithin(stack.resource(), now, polling.fast());
                if (failing.isPresent()) {
                    throw failing.get(); // AWS failed moments ago: not asked again for every event of a rollout
                }
                askingAws = true;
                cloud = CloudResources.reconcile(stack, services,
                        new RdsCredentials(stack, new DataObjects(context), random),
                        new CloudResources.Asked(asked.safetySnapshot(), asked.restore(),
                                BackupsInUse.locations(stack, asked.restores(), asked.records()), asked.snapshots()));
                askingAws = false;
                cache.remember(stack.resource(), asked.asleep(), now, cloud);
            }
            Stack found = withEndpoint(stack, cloud);
            Problem volume = cloud.files() == null ? null : EfsVolume.reconcile(found, cloud.files(),
                    DataVolumes.boundVolume(context, found.names().filesVolume()), context.getClient());
            if (volume == null) {
                BucketSeeding.reconcile(found, cloud, context);
            }
            return new Found(volume, found, cloud);
        } catch (RuntimeException e) {
            Problem stop = CloudFailures.problemOf(e);
            if (stop != null) {
                // A stall that needs a human: nothing of the state before it may stand in for AWS's answer later.
                cache.forget(stack.resource());
                return new Found(stop, stack, null);
            }
            if (askingAws) {
                cache.failed(stack.resource(), now, e);
            }
            // Throttled, 5xx, unreachable: static stability. What AWS last showed still holds for the workloads
            // (nothing changes there until AWS answers again), so the pass goes on with it, and the failure is thrown
            // after it, to be retried with back-off. Not when the pass needs an answer only AWS can give now (an
            // upgrade's safety snapshot, a restore, a snapshot asked for), nor without a last state (a restart during
            // the outage): the workloads then stay as they are.
            Asked wanted = asked;
            CloudState last = wanted == null || wanted.safetySnapshot() != null ? null
                    : cache.last(stack.resource(), wanted.asleep()).filter(wanted::answeredBy).orElse(null);
            if (last == null) {
                throw e;
            }
            return new Found(null, withEndpoint(stack, last), last, e);
        }
    }

    /**
     * What a pass must answer besides the spec: asleep or awake, a restore under way, the RDS snapshots wanted, and
     * whether an upgrade waits for its safety snapshot.
     */
    private record Asked(String asleep, List<PanStackRestore> restores, List<PanStackBackup> records,
            RdsRestore.Request restore, List<String> snapshots, String safetySnapshot) {

        /** A new restore, or a snapshot asked for, needs AWS now: an earlier pass does not answer it. */
        boolean answeredBy(CloudState cached) {
            return Objects.equals(restoreIn(cached), restore == null ? null : restore.name())
                    && (cached.database() == null || cached.database().snapshots().keySet().containsAll(snapshots));
        }
    }

    private static Asked asked(Stack stack, Context<PanStack> context) {
        List<PanStackRestore> restores = context.getSecondaryResourcesAsStream(PanStackRestore.class).toList();
        List<PanStackBackup> records = context.getSecondaryResourcesAsStream(PanStackBackup.class).toList();
        // Going to sleep or waking reaches AWS at once, not at the next poll.
        return new Asked(stack.sleep().databaseStopped() ? "asleep" : "awake", restores, records,
                InPlaceRestores.rdsRequest(stack, restores, records).orElse(null),
                RdsSnapshotBackups.wanted(stack, records), UpgradeGate.safetySnapshotWanted(stack, context));
    }

    private static Stack withEndpoint(Stack stack, CloudState cloud) {
        return cloud.database() != null && cloud.database().host() != null
                ? stack.withDatabaseEndpoint(cloud.database().host(), cloud.database().port()) : stack;
    }

    /**
     * Deletes one backup and its manifest from the stack's bucket (see BackupDataDeletions). One already gone (a
     * record the cache still shows) is left alone: in a versioned bucket another delete would only stack markers.
     */
    void deleteBackup(Stack stack, String bucket, String key) {
        var s3 = aws.forRegion(region(stack)).s3();
        List<String> present = s3.list(bucket, key).stream().map(stored -> stored.key())
                .filter(k -> k.equals(key) || k.equals(key + BackupPruning.MANIFEST_SUFFIX)).toList();
        if (!present.isEmpty()) {
            s3.deleteCurrent(bucket, present);
        }
    }

    private static String restoreIn(CloudState cloud) {
        return cloud.database() == null || cloud.database().restore() == null ? null
                : cloud.database().restore().restore();
    }

    void forget(PanStack stack) {
        cache.forget(stack);
    }

    /** The region the spec asks for; null: the operator's default (AWS_REGION). */
    static String region(Stack stack) {
        return stack.spec().getAws() == null ? null : stack.spec().getAws().getRegion();
    }

    /** Where the stack's resources are: the region recorded in status once AWS was reached, else the spec's. */
    static String recordedRegion(Stack stack) {
        String recorded = recorded(stack);
        return recorded != null ? recorded : region(stack);
    }

    /** status.awsRegion: where the first pass that reached AWS found the stack's resources; null before. */
    private static String recorded(Stack stack) {
        PanStackStatus status = stack.resource().getStatus();
        return status == null ? null : status.getAwsRegion();
    }

    /**
     * A stack whose region now resolves elsewhere (spec.aws.region changed or removed, or the operator's AWS_REGION)
     * would get new, empty resources there and Pi would point at an empty repository: it stalls instead.
     */
    private static Problem regionMoved(Stack stack, String resolved) {
        String recorded = recorded(stack);
        if (recorded == null || recorded.equals(resolved)) {
            return null;
        }
        return new Problem("AwsRegionChanged", "The stack's AWS resources are in " + recorded + " (status.awsRegion),"
                + " but its region now resolves to " + resolved + " (spec.aws.region, else the operator's AWS_REGION)."
                + " Nothing is created in " + resolved + ": set spec.aws.region to " + recorded + ".");
    }
}
