package io.panstack.operator.database;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.RdsDatabaseSpec;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstanceChange;
import io.panstack.operator.aws.rds.DatabaseInstances.DbSnapshot;
import io.panstack.operator.aws.rds.DatabaseInstances.NewDbInstance;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.Idempotent;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.cloud.RdsRestoreProgress;
import io.panstack.operator.cloud.RdsState;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.cloud.ResourceState;
import io.panstack.operator.cloud.Tenancy;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;

/**
 * The repository on RDS: parameter group, subnet group and instance, created once and then kept in line with the
 * spec through ModifyDBInstance. Found by identifier on every pass, so a crash after any call repeats nothing.
 */
public final class RdsDatabase {
    /** Statuses in which the instance takes connections (some of them while AWS works on it). */
    static final Set<String> SERVING = Set.of("available", "backing-up", "modifying", "storage-optimization",
            "configuring-enhanced-monitoring", "configuring-log-exports", "maintenance", "upgrading");
    static final String AVAILABLE = "available";
    static final String STORAGE_TYPE = "gp3";
    /** A manual snapshot whose call failed for now (busy, throttled, denied): tried again at the next poll. */
    public static final String RETRYING = "retrying: ";

    private RdsDatabase() {
    }


    /** The instance the stack started on: the adopted one, or the one named after the stack. */
    static String firstIdentifier(Stack stack) {
        RdsDatabaseSpec spec = stack.spec().getDatabase().getRds();
        return spec.adopts() ? spec.getIdentifier() : AwsNames.rdsIdentifier(stack);
    }

    /** The instance the stack runs on as far as status knows (no AWS call): see {@link RdsInstanceChain}. */
    public static String identifier(Stack stack) {
        return stack.spec().getDatabase().getRds().adopts() ? firstIdentifier(stack)
                : RdsInstanceChain.recorded(stack).orElse(firstIdentifier(stack));
    }

    /**
     * @param restore   the stack's active PanStackRestore to a snapshot or point in time, or null
     * @param snapshots manual snapshots PanStackBackups of kind RdsSnapshot want taken (see RdsSnapshotBackups)
     */
    public static RdsState reconcile(Stack stack, DatabaseInstances rds, MasterCredentials credentials,
            String safetySnapshot, RdsRestore.Request restore, List<String> snapshots) {
        RdsDatabaseSpec spec = stack.spec().getDatabase().getRds();
        RdsInstanceChain.Current current = RdsInstanceChain.resolve(stack, rds);
        String id = current.identifier();
        Optional<DbInstance> found = current.instance();
        if (found.isEmpty()) {
            if (!current.firstOwn() && !spec.adopts()) {
                throw new CloudProblem("RdsInstanceMissing", "The stack's repository is on RDS instance " + id
                        + ", which is gone" + (current.replaced().isEmpty() ? "" : " (it replaced "
                        + String.join(", ", current.replaced()) + ")") + ". Nothing was created in its place: restore a snapshot of it in AWS under that identifier,"
                        + " with its tags " + AwsTags.MANAGED_BY + " and " + AwsTags.UID + ".");
            }
            if (spec.adopts()) {
                throw new CloudProblem("RdsInstanceNotFound", "spec.database.rds.identifier names the DB instance " + id
                        + " to adopt, but there is none in this region. Correct the identifier, or remove the PanStack"
                        + " and create it without identifier to have an instance created.");
            }
            create(stack, rds, credentials, id);
            return new RdsState(id, "creating", null, null, null, null, null, new ResourceState(false, true, "RdsCreating",
                    "RDS instance " + id + " is being created (this takes 10-20 minutes in AWS)"), null,
                    notYet(snapshots, "the instance is being created"));
        }
        DbInstance instance = found.get();
        checkOwnership(stack, instance, credentials);
        Observed<Map<String, String>> parameters = spec.adopts() ? fitForPi(rds, instance) : null;
        adoptTags(stack, rds, instance);
        if (restoredFromSnapshot(stack) && AVAILABLE.equals(instance.status())
                && !instance.tags().containsKey(AwsTags.MASTER_PASSWORD_SET)) {
            // The snapshot brought its source's password; the stack's Secret holds the one Pi will use.
            rds.setMasterPassword(id, credentials.passwordForNewInstance(instance.masterUsername()));
            rds.tagging().add(instance.arn(), Map.of(AwsTags.MASTER_PASSWORD_SET, "true"));
            return new RdsState(id, "resetting-master-credentials", instance.endpoint(), instance.port(),
                    instance.latestRestorableTime(), null, null, new ResourceState(false, true, "RdsChanging",
                            "RDS instance " + id + " was restored from snapshot "
                                    + stack.spec().getDatabase().getRestoreFrom().getRdsSnapshotId()
                                    + "; its master password is being set to the stack's"), null,
                    notYet(snapshots, "the instance's master password is being set"));
        }
        if (!spec.adopts()) {
            keepParameters(rds, AwsNames.rdsIdentifier(stack));
        }
        boolean modified = false;
        if (AVAILABLE.equals(instance.status())) {
            DbInstanceChange change = changes(RdsSettings.wanted(spec), instance);
            if (!change.isEmpty()) {
                rds.modifyInstance(id, change);
                modified = true;
            }
        }
        // The newest snapshot is shown (status.backup, BackupHealthy) only for stacks with backups: only they ask.
        Observed<Instant> newest = !stack.spec().backsUp() ? null
                : Observed.read("the snapshots of " + id, () -> rds.newestSnapshot(id));
        Observed<Boolean> safety = safetySnapshot == null ? null : Observed.read("the snapshot " + safetySnapshot,
                () -> Optional.of(SafetySnapshot.ensureAvailable(stack, rds, safetySnapshot, id)));
        RdsRestoreProgress restoring = restore == null || spec.adopts() ? null
                : RdsRestore.step(stack, rds, credentials, instance, restore);
        String sleepStep = spec.adopts() ? null
                : RdsHibernation.step(stack, rds, instance, safetySnapshot != null || restore != null || !snapshots.isEmpty());
        boolean refused = sleepStep != null && sleepStep.startsWith(RdsHibernation.REFUSED);
        RdsState state = state(instance, sleepStep != null && !refused ? sleepStep : instance.status(),
                stack.sleep().databaseStopped(), modified, newest, safety, RdsSettings.drift(spec, instance, parameters),
                restoring, manualSnapshots(stack, rds, id, snapshots));
        return !refused ? state : state.withMessage(state.state().message() + "; AWS would not "
                + (stack.sleep().databaseStopped() ? "stop" : "start") + " it for the stack's hibernation ("
                + sleepStep.substring(RdsHibernation.REFUSED.length()) + "), tried again at the next poll");
    }

    private static Map<String, String> notYet(List<String> snapshots, String why) {
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        snapshots.forEach(id -> seen.put(id, RETRYING + why));
        return seen;
    }

    /**
     * Takes the snapshots PanStackBackups asked for, each once (found by id on every pass), and says where each is.
     * Housekeeping: a failure is said on its record, never held against the stack.
     */
    private static Map<String, String> manualSnapshots(Stack stack, DatabaseInstances rds, String instance,
            List<String> wanted) {
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        for (String id : wanted) {
            try {
                Optional<DbSnapshot> found = rds.findSnapshot(id);
                if (found.isPresent() && !AwsTags.ownedBy(found.get().tags(), stack)) {
                    seen.put(id, "error: a snapshot of that name exists that is not this PanStack's");
                } else if (found.isPresent()) {
                    seen.put(id, found.get().status());
                } else {
                    Idempotent.create("DBSnapshotAlreadyExists", () -> rds.createSnapshot(instance, id, AwsTags.of(stack)));
                    seen.put(id, "creating");
                }
            } catch (RuntimeException e) {
                boolean terminal = io.panstack.operator.aws.AwsErrors.classify(e)
                        == io.panstack.operator.aws.AwsErrors.Kind.TERMINAL;
                // Busy, throttled, denied: said on the record, and tried again at the next poll.
                seen.put(id, (terminal ? "error: " : RETRYING) + io.panstack.operator.aws.AwsErrors.message(e));
            }
        }
        return seen;
    }

    /**
     * An adopted instance's parameter group must have what Pi needs before the dashboard starts against it: the
     * operator does not change a group it did not make, so the stack stalls until it is fixed. A group that cannot be
     * read is no reason to stall (null: not known).
     */
    private static Observed<Map<String, String>> fitForPi(DatabaseInstances rds, DbInstance instance) {
        String group = instance.parameterGroup();
        Observed<Map<String, String>> parameters = group == null ? Observed.of(null) : Observed.read(
                "the parameter group " + group, () -> rds.findParameterGroup(group).map(found -> found.parameters()));
        if (parameters.value() != null) {
            refuseUnfit(instance, parameters.value());
        }
        return parameters;
    }

    /** Stalls when the group lacks what Pi needs, or has changes the instance runs without until it is rebooted. */
    static void refuseUnfit(DbInstance instance, Map<String, String> parameters) {
        String group = instance.parameterGroup();
        List<String> unfit = RdsParameters.unfitForPi(parameters);
        if (!unfit.isEmpty()) {
            throw new CloudProblem("RdsParametersUnfitForPi", "RDS instance " + instance.identifier() + " runs with"
                    + " the parameter group " + group + ", which Pi cannot work with; it needs "
                    + String.join(", ", unfit) + ". Set them in a parameter group of yours (lower_case_table_names"
                    + " needs a reboot of the instance); the operator changes nothing on an adopted instance's group.");
        }
        if ("pending-reboot".equals(instance.parameterApplyStatus())) {
            // lower_case_table_names only applies after a reboot: Pi on the old setting makes tables it later misses.
            throw new CloudProblem("RdsParametersPendingReboot", "RDS instance " + instance.identifier() + " has"
                    + " changes of its parameter group " + group + " waiting for a reboot; Pi's settings may not be in"
                    + " effect yet. Reboot the instance; the operator does not reboot an adopted instance.");
        }
    }

    private static void create(Stack stack, DatabaseInstances rds, MasterCredentials credentials, String id) {
        RdsDatabaseSpec spec = stack.spec().getDatabase().getRds();
        String snapshot = restoredFromSnapshot(stack) ? stack.spec().getDatabase().getRestoreFrom().getRdsSnapshotId() : null;
        // Restored from a snapshot, the master user is the snapshot's: the Secret must name that one.
        String username = snapshot == null ? spec.getMasterUsername() : snapshotToRestore(stack, rds, snapshot).masterUsername();
        Map<String, String> tags = AwsTags.of(stack);
        if (rds.findParameterGroup(id).isEmpty()) {
            Idempotent.create("DBParameterGroupAlreadyExists", () -> rds.createParameterGroup(id,
                    RdsParameters.family(spec.getEngineVersion()), "Pi repository settings for PanStack "
                            + stack.namespace() + "/" + stack.name(), tags));
        }
        keepParameters(rds, id);
        if (rds.findSubnetGroup(id).isEmpty()) {
            Idempotent.create("DBSubnetGroupAlreadyExists", () -> rds.createSubnetGroup(id, "Subnets of PanStack "
                    + stack.namespace() + "/" + stack.name(), spec.getSubnetIds(), tags));
        }
        String password = credentials.passwordForNewInstance(username);
        NewDbInstance request = withStackSettings(stack, id, username, password, tags);
        Idempotent.create("DBInstanceAlreadyExists", snapshot == null ? () -> rds.createInstance(request)
                : () -> rds.restoreInstance(request, snapshot));
    }

    /**
     * An instance with the stack's settings and its parameter and subnet groups (named after its first instance), for
     * a create and for each kind of restore alike.
     *
     * @param password null for a restore: it brings the password of then, set to the stack's afterwards
     */
    static NewDbInstance withStackSettings(Stack stack, String id, String username, String password,
            Map<String, String> tags) {
        RdsDatabaseSpec spec = stack.spec().getDatabase().getRds();
        String groups = AwsNames.rdsIdentifier(stack);
        return new NewDbInstance(id, spec.instanceClass(), spec.getEngineVersion(), spec.allocatedStorageGiB(),
                STORAGE_TYPE, spec.multiAz(), spec.backupRetentionDays(), spec.deletionProtected(),
                stack.database().schema(), username, password, spec.getSecurityGroupIds(), groups, groups, tags);
    }

    /** The snapshot restoreFrom names, once it is known to exist and to be the stack's own namespace's (or no one's). */
    private static DbSnapshot snapshotToRestore(Stack stack, DatabaseInstances rds, String id) {
        DbSnapshot snapshot = rds.findSnapshot(id).orElseThrow(() -> new CloudProblem("RdsSnapshotNotFound",
                "database.restoreFrom.rdsSnapshotId names the snapshot " + id + ", but there is none in this region."
                        + " Correct it; nothing was created."));
        // Restoring another namespace's snapshot would hand its repository (data-source passwords included) over.
        Tenancy.checkCopy("RDS snapshot " + id, snapshot.tags(), stack);
        return snapshot;
    }

    static boolean restoredFromSnapshot(Stack stack) {
        var from = stack.spec().getDatabase().getRestoreFrom();
        return from != null && from.fromRdsSnapshot();
    }

    private static void keepParameters(DatabaseInstances rds, String group) {
        rds.findParameterGroup(group).ifPresent(found -> {
            Map<String, String> drift = RdsParameters.drift(found.parameters());
            if (!drift.isEmpty()) {
                rds.setParameters(group, drift);
            }
        });
    }

    /** A created instance must carry this PanStack's uid tag, and its password must still be known. */
    private static void checkOwnership(Stack stack, DbInstance instance, MasterCredentials credentials) {
        RdsDatabaseSpec spec = stack.spec().getDatabase().getRds();
        if (spec.adopts()) {
            Tenancy.check("RDS instance " + instance.identifier(), instance.tags(), stack);
            return;
        }
        if (!isOurs(stack, instance)) {
            throw new CloudProblem("AwsNameConflict", "RDS instance " + instance.identifier() + " already exists and"
                    + " is not this PanStack's (no matching " + AwsTags.UID + " tag; it may have been kept by"
                    + " deletionPolicy Retain from an earlier PanStack, or be the stack's before its cluster was rebuilt)."
                    + " It is left alone. To use it, remove its tags " + AwsTags.MANAGED_BY + " and " + AwsTags.UID
                    + " (if set) and create this PanStack again with spec.database.rds.identifier: "
                    + instance.identifier() + " and a credentialsSecretRef; otherwise rename the PanStack.");
        }
        if (!credentials.exist()) {
            throw new CloudProblem("DatabaseCredentialsLost", "RDS instance " + instance.identifier() + " exists but"
                    + " the Secret " + stack.names().databaseCredentials() + " with its master password is gone. No new"
                    + " password is generated: restore the Secret (keys username, password) from your copy, or reset"
                    + " the master password in AWS and store it in that Secret.");
        }
    }

    private static void adoptTags(Stack stack, DatabaseInstances rds, DbInstance instance) {
        Map<String, String> missing = AwsTags.missing(instance.tags(), stack);
        if (!missing.isEmpty()) {
            rds.tagging().add(instance.arn(), missing);
        }
    }

    /** The settings ModifyDBInstance can bring in line; a shrink is refused (RDS storage only grows). */
    static DbInstanceChange changes(RdsSettings.Wanted spec, DbInstance actual) {
        Integer wantedStorage = spec.allocatedStorageGiB();
        if (wantedStorage != null && actual.allocatedStorageGiB() != null && wantedStorage < actual.allocatedStorageGiB()) {
            throw new CloudProblem("RdsStorageShrinkRefused", "RDS instance " + actual.identifier() + " has "
                    + actual.allocatedStorageGiB() + " GiB and RDS storage cannot shrink; set"
                    + " spec.database.rds.allocatedStorageGiB to " + actual.allocatedStorageGiB() + " or more.");
        }
        List<String> groups = spec.securityGroupIds();
        boolean groupsDiffer = !groups.isEmpty()
                && !new HashSet<>(groups).equals(new HashSet<>(orEmpty(actual.securityGroupIds())));
        return new DbInstanceChange(
                differs(spec.instanceClass(), actual.instanceClass()),
                wantedStorage != null && (actual.allocatedStorageGiB() == null
                        || wantedStorage > actual.allocatedStorageGiB()) ? wantedStorage : null,
                differs(spec.multiAz(), actual.multiAz()),
                differs(spec.backupRetentionDays(), actual.backupRetentionDays()),
                differs(spec.deletionProtection(), actual.deletionProtection()),
                groupsDiffer ? groups : null);
    }

    /**
     * @param status what the instance is (or was just asked to become: stopping, starting)
     * @param asleep the stack hibernates: a stopped instance is where it should be, and polled slowly
     */
    private static RdsState state(DbInstance instance, String status, boolean asleep, boolean modified,
            Observed<Instant> newestSnapshot, Observed<Boolean> safetySnapshot, List<String> drift,
            RdsRestoreProgress restoring, Map<String, String> snapshots) {
        boolean serving = status != null && SERVING.contains(status) && instance.endpoint() != null;
        boolean resting = asleep && RdsHibernation.STOPPED.equals(status);
        // An upgrade waiting for its snapshot is looked at again soon, like a change AWS is making.
        boolean settling = !resting && (modified || !AVAILABLE.equals(status))
                || (safetySnapshot != null && !Boolean.TRUE.equals(safetySnapshot.value()))
                || (restoring != null && !restoring.finished())
                || snapshots.values().stream().anyMatch(v -> !"available".equals(v) && !"failed".equals(v)
                        && !v.startsWith("error: ") && !v.startsWith(RETRYING));
        String where = instance.endpoint() == null ? "" : " at " + instance.endpoint() + ":" + instance.port();
        String message = "RDS instance " + instance.identifier() + " is " + status + where
                + (modified ? "; applying the spec's changes" : "");
        String reason = serving ? (settling ? "RdsChanging" : "RdsAvailable") : resting ? "RdsStopped" : "RdsNotAvailable";
        if (resting) {
            message = message + " (the stack hibernates; it is started when the stack wakes)";
        }
        return new RdsState(instance.identifier(), status, instance.endpoint(), instance.port(),
                instance.latestRestorableTime(), newestSnapshot, safetySnapshot,
                new ResourceState(serving, settling, reason, message, drift), restoring, snapshots);
    }

    private static <T> T differs(T wanted, T actual) {
        return wanted != null && !wanted.equals(actual) ? wanted : null;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /**
     * The one ownership rule for RDS: an instance is this stack's when it carries the stack's uid tag, or when the
     * spec adopts it by identifier and {@link Tenancy} allows it (not another namespace's, not another PanStack's).
     * Any other instance is never changed or deleted.
     */
    static boolean isOurs(Stack stack, DbInstance instance) {
        return AwsTags.ownedBy(instance.tags(), stack)
                || (stack.spec().getDatabase().getRds().adopts() && Tenancy.mayRelease(instance.tags(), stack));
    }

    /**
     * The finalizer's step for the instances and their groups: Retain untags; Snapshot and Delete delete them after a
     * final snapshot, Delete without one only with deleteRecoveryPoints (deletion protection is lifted only then, as
     * the user asked for deletion). The instances are the current one and those PanStackRestores replaced (kept until
     * now with the stack's older data, released by the same policy). The groups were made for the instances; Snapshot
     * keeps them for a restore.
     */
    public static void release(Stack stack, DatabaseInstances rds, DeletionPolicy policy, Release release) {
        release(stack, rds, policy, release, List.of());
    }

    /**
     * @param restoreUids uids of the stack's PanStackRestores into new instances: theirs go too, switched to or not
     */
    public static void release(Stack stack, DatabaseInstances rds, DeletionPolicy policy, Release release,
            List<String> restoreUids) {
        RdsInstanceChain.Current current = RdsInstanceChain.resolve(stack, rds);
        // The current instance may be an adopted one; those before it count only when made for this very PanStack.
        List<DbInstance> instances = new java.util.ArrayList<>(RdsInstanceChain.lineage(stack, rds, current).stream()
                .filter(instance -> instance.identifier().equals(current.identifier()) ? isOurs(stack, instance)
                        : AwsTags.ownedBy(instance.tags(), stack)).toList());
        List<DbInstance> failedRestores = new java.util.ArrayList<>();
        for (String uid : stack.spec().getDatabase().getRds().adopts() ? List.<String>of() : restoreUids) {
            String made = AwsNames.restoredRdsIdentifier(stack, uid);
            if (instances.stream().noneMatch(instance -> instance.identifier().equals(made))) {
                rds.findInstance(made).filter(instance -> AwsTags.ownedBy(instance.tags(), stack))
                        .ifPresent(instance -> (RdsRestore.STUCK.contains(instance.status()) ? failedRestores
                                : instances).add(instance));
            }
        }
        // AWS deletes an instance a restore left failed only without a final snapshot (it has nothing to take):
        // not the operator's call to make. It is let go of, and the groups it uses stay with it.
        failedRestores.forEach(instance -> {
            rds.tagging().remove(instance.arn(), AwsTags.OWNERSHIP);
            release.keep("RDS instance " + instance.identifier() + " (a restore AWS could not finish: "
                    + instance.status() + "; delete it in AWS)");
        });
        if (policy == DeletionPolicy.Retain) {
            instances.forEach(instance -> {
                rds.tagging().remove(instance.arn(), AwsTags.OWNERSHIP);
                release.keep("RDS instance " + instance.identifier());
            });
            return;
        }
        if (current.instance().isPresent() && !isOurs(stack, current.instance().get())) {
            return;
        }
        if (!instances.isEmpty()) {
            instances.forEach(instance -> deleteInstance(stack, rds, policy, instance.identifier(), instance, release));
            return;
        }
        if (takesFinalSnapshot(stack, policy)) {
            release.keep("final RDS snapshot " + AwsNames.finalSnapshot(current.identifier(), stack));
        }
        if (stack.spec().getDatabase().getRds().adopts()) {
            return;
        }
        String groups = AwsNames.rdsIdentifier(stack);
        if (policy == DeletionPolicy.Delete && failedRestores.isEmpty()) {
            deleteGroup(rds.findParameterGroup(groups).isPresent(), () -> rds.deleteParameterGroup(groups),
                    "DB parameter group " + groups, release);
            deleteGroup(rds.findSubnetGroup(groups).isPresent(), () -> rds.deleteSubnetGroup(groups),
                    "DB subnet group " + groups, release);
        } else {
            release.keep("DB parameter group and DB subnet group " + groups);
        }
    }

    private static void deleteInstance(Stack stack, DatabaseInstances rds, DeletionPolicy policy, String id,
            DbInstance instance, Release release) {
        release.waitFor("RDS instance " + id + " (" + instance.status() + ")");
        if ("deleting".equals(instance.status())) {
            return;
        }
        if (Boolean.TRUE.equals(instance.deletionProtection())) {
            // AWS lifts deletion protection only on a running instance: one stopped by hibernation is started first.
            if (RdsHibernation.STOPPED.equals(instance.status())) {
                rds.startInstance(id);
            } else if (AVAILABLE.equals(instance.status())) {
                rds.modifyInstance(id, new DbInstanceChange(null, null, null, null, false, null));
            } // else (starting, stopping, backing-up, ...): AWS refuses the change until it is available
            return;
        }
        Optional<String> snapshot = takesFinalSnapshot(stack, policy)
                ? Optional.of(AwsNames.finalSnapshot(id, stack)) : Optional.empty();
        Idempotent.deleteUnlessBusy(List.of("InvalidDBInstanceState", "InvalidDBInstanceStateFault"),
                () -> rds.deleteInstance(id, snapshot));
    }

    /** Snapshot always; Delete too, unless deleteRecoveryPoints gives up the last way back explicitly. */
    private static boolean takesFinalSnapshot(Stack stack, DeletionPolicy policy) {
        return policy != DeletionPolicy.Retain && !stack.spec().deletesWithStack(true);
    }

    private static void deleteGroup(boolean present, Runnable delete, String what, Release release) {
        if (present) {
            release.waitFor(what);
            Idempotent.deleteUnlessBusy(List.of("InvalidDBParameterGroupState", "InvalidDBSubnetGroupStateFault",
                    "InvalidDBSubnetGroupState"), delete);
        }
    }
}
