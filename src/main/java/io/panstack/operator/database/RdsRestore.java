package io.panstack.operator.database;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.aws.rds.DatabaseInstances.DbSnapshot;
import io.panstack.operator.aws.rds.DatabaseInstances.NewDbInstance;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.Idempotent;
import io.panstack.operator.cloud.RdsRestoreProgress;
import io.panstack.operator.cloud.Tenancy;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;

/**
 * A PanStackRestore of an RDS stack, to a snapshot or a point in time: AWS restores a new instance with the stack's
 * settings while Pi keeps running on the current one; once it is available and has the stack's master password, the
 * current instance is tagged as replaced by it (see {@link RdsInstanceChain}), so the next pass points Pi at it. The
 * current instance is kept with its data. Every step is found again from AWS, so a pass cut short repeats nothing.
 * A failure ends in this restore's status, never in the stack's: Pi stays on its instance.
 */
public final class RdsRestore {
    /** Statuses AWS leaves a restore in that it will not get out of by itself. */
    static final Set<String> STUCK = Set.of("failed", "incompatible-restore", "incompatible-parameters",
            "incompatible-network", "storage-full", "inaccessible-encryption-credentials");

    private RdsRestore() {
    }

    /** The active PanStackRestore of the stack, when it asks for an RDS restore. */
    public record Request(String name, String uid, PanStackRestoreSpec spec) {
        public String source() {
            return spec.getRdsSnapshotId() != null ? "rds-snapshot:" + spec.getRdsSnapshotId()
                    : "point-in-time:" + spec.getPointInTime();
        }
    }

    /**
     * @param current the instance Pi runs on now: found, this stack's, not adopted (see RdsDatabase)
     */
    static RdsRestoreProgress step(Stack stack, DatabaseInstances rds, MasterCredentials credentials, DbInstance current,
            Request request) {
        String target = AwsNames.restoredRdsIdentifier(stack, request.uid());
        if (target.equals(current.identifier())) {
            return new RdsRestoreProgress(request.name(), RestorePhase.Completed, request.source(), target,
                    current.tags().get(AwsTags.REPLACES), "Pi runs on " + target + ", restored from "
                            + request.source() + "; the previous instance is kept");
        }
        Step step = new Step(stack, rds, credentials, current, request, target);
        try {
            return step.next();
        } catch (CloudProblem e) {
            return step.failed(e.problem().message());
        } catch (RuntimeException e) {
            if (AwsErrors.classify(e) == AwsErrors.Kind.TERMINAL) {
                return step.failed("AWS refused it: " + AwsErrors.message(e));
            }
            // Throttled, unreachable, denied: tried again at the next pass, nothing else held.
            return step.waiting(null, "Retrying: " + AwsErrors.message(e));
        }
    }

    private record Step(Stack stack, DatabaseInstances rds, MasterCredentials credentials, DbInstance current,
            Request request, String target) {

        RdsRestoreProgress next() {
            Optional<DbInstance> made = rds.findInstance(target);
            if (made.isEmpty()) {
                return start();
            }
            DbInstance instance = made.get();
            if (!AwsTags.ownedBy(instance.tags(), stack)) {
                return failed("An RDS instance " + target + " exists that is not this PanStack's; nothing was changed");
            }
            if (STUCK.contains(instance.status())) {
                return failed(target, "AWS could not restore " + target + " (status " + instance.status() + "). Pi stays on "
                        + current.identifier() + "; " + target + " is left for you to look at and delete");
            }
            if (!"available".equals(instance.status())) {
                return waiting(RestorePhase.CreatingInstance, "AWS is restoring " + target + " (" + instance.status()
                        + "); Pi keeps running on " + current.identifier() + ", and what it writes meanwhile is not in"
                        + " the restored repository");
            }
            if (!instance.tags().containsKey(AwsTags.MASTER_PASSWORD_SET)) {
                // A snapshot or an earlier time brings the password of then; Pi logs in with the Secret's.
                rds.setMasterPassword(target, credentials.passwordForNewInstance(instance.masterUsername()));
                rds.tagging().add(instance.arn(), Map.of(AwsTags.MASTER_PASSWORD_SET, "true"));
                return waiting(RestorePhase.CreatingInstance, target + " is restored; its master password is being"
                        + " set to the stack's");
            }
            // The new one names the old first, for status; the group records the move where it outlives the old
            // instance; once the old one names the new, Pi moves to it.
            rds.tagging().add(instance.arn(), Map.of(AwsTags.REPLACES, current.identifier()));
            String groups = AwsNames.rdsIdentifier(stack);
            rds.findParameterGroup(groups).ifPresent(group ->
                    rds.tagging().add(group.arn(), Map.of(AwsTags.CURRENT_INSTANCE, target)));
            rds.tagging().add(current.arn(), Map.of(AwsTags.REPLACED_BY, target));
            return waiting(RestorePhase.Repointing, "Pi is being pointed at " + target + "; " + current.identifier()
                    + " is kept");
        }

        private RdsRestoreProgress start() {
            Instant time = null;
            String snapshotId = request.spec().getRdsSnapshotId();
            if (snapshotId != null) {
                Optional<RdsRestoreProgress> unusable = unusableSnapshot(snapshotId);
                if (unusable.isPresent()) {
                    return unusable.get();
                }
            } else {
                Instant latest = current.latestRestorableTime();
                if (latest == null) {
                    return failed(current.identifier() + " has no point-in-time recovery (automated backups off:"
                            + " spec.database.rds.backupRetentionDays 0); nothing was changed");
                }
                String asked = request.spec().getPointInTime();
                try {
                    time = PanStackRestoreSpec.LATEST.equals(asked) ? null : OffsetDateTime.parse(asked).toInstant();
                } catch (DateTimeException e) {
                    return failed(asked + " is not a time (" + e.getMessage() + "); nothing was changed");
                }
                if (time != null && time.isAfter(latest)) {
                    return failed(time + " is later than the latest time " + current.identifier() + " can be restored"
                            + " to (" + latest + "); nothing was changed");
                }
            }
            Map<String, String> tags = new java.util.LinkedHashMap<>(AwsTags.of(stack));
            tags.put(AwsTags.RESTORE, request.name());
            NewDbInstance wanted = RdsDatabase.withStackSettings(stack, target, current.masterUsername(), null, tags);
            Instant at = time;
            Idempotent.create("DBInstanceAlreadyExists", snapshotId != null
                    ? () -> rds.restoreInstance(wanted, snapshotId)
                    : () -> rds.restoreToPointInTime(wanted, current.identifier(), at));
            return waiting(RestorePhase.CreatingInstance, "AWS is restoring " + target + " from " + request.source()
                    + " (this takes 10-30 minutes); Pi keeps running on " + current.identifier());
        }

        /** Only this stack's snapshots (or no PanStack's), available, with the master user Pi's Secret names. */
        private Optional<RdsRestoreProgress> unusableSnapshot(String id) {
            Optional<DbSnapshot> found = rds.findSnapshot(id);
            if (found.isEmpty()) {
                return Optional.of(failed("There is no RDS snapshot " + id + " in this region; nothing was changed"));
            }
            DbSnapshot snapshot = found.get();
            Tenancy.checkCopy("RDS snapshot " + id, snapshot.tags(), stack);
            if (!ofThisStack(snapshot)) {
                // An untagged snapshot may be of anyone's instance (an adopted one's, say): only the stack's own.
                return Optional.of(failed("RDS snapshot " + id + " is not of this PanStack's instances (neither its "
                        + AwsTags.UID + " tag nor its instance is the stack's); a PanStackRestore restores only the"
                        + " stack's own snapshots, and nothing was changed. Another snapshot makes a new PanStack"
                        + " (database.restoreFrom.rdsSnapshotId)"));
            }
            if (snapshot.masterUsername() != null && !snapshot.masterUsername().equals(current.masterUsername())) {
                return Optional.of(failed("RDS snapshot " + id + " has the master user " + snapshot.masterUsername()
                        + ", the stack's instance " + current.masterUsername() + " (the one its Secret names);"
                        + " nothing was changed"));
            }
            if (!"available".equals(snapshot.status())) {
                return Optional.of(waiting(RestorePhase.Pending, "Waits for RDS snapshot " + id + " to be available ("
                        + snapshot.status() + ")"));
            }
            return Optional.empty();
        }

        private boolean ofThisStack(DbSnapshot snapshot) {
            if (AwsTags.ownedBy(snapshot.tags(), stack)) {
                return true;
            }
            return snapshot.instance() != null && (snapshot.instance().equals(current.identifier())
                    || rds.findInstance(snapshot.instance()).filter(i -> AwsTags.ownedBy(i.tags(), stack)).isPresent());
        }

        RdsRestoreProgress waiting(RestorePhase phase, String message) {
            return new RdsRestoreProgress(request.name(), phase, request.source(), target, current.identifier(), message);
        }

        RdsRestoreProgress failed(String message) {
            return failed(null, message);
        }

        /** @param left the new instance, when AWS made one that is left behind */
        RdsRestoreProgress failed(String left, String message) {
            return new RdsRestoreProgress(request.name(), RestorePhase.Failed, request.source(), left, current.identifier(),
                    message);
        }
    }

}
