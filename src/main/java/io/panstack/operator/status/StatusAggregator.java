package io.panstack.operator.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Condition;
import io.panstack.operator.api.v1alpha1.ComponentStatus;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.api.v1alpha1.Phase;

/**
 * Computes status from an {@link Observation}: conditions (Ready, Reconciling, Stalled, DatabaseReady, FilesReady,
 * BucketReady when there is a bucket, WorkloadsReady), phase and per-component figures. Pure: the same input always gives the same status, and
 * unchanged conditions keep their lastTransitionTime, so an unchanged stack is never rewritten.
 */
public final class StatusAggregator {

    static final String SUSPENDED = "Suspended";
    static final String HIBERNATING = "Hibernating";
    static final String WAKING = "WakingUp";
    static final String SUSPENDED_MESSAGE = "spec.suspend is true: the Pi components are scaled to zero; the database,"
            + " files and backups are kept";

    private StatusAggregator() {
    }

    public static PanStackStatus aggregate(Observation seen, PanStackStatus previous, Instant now) {
        List<Condition> before = previous == null ? List.of() : previous.getConditions();
        long generation = seen.generation();
        Workloads workloads = Workloads.of(seen);

        Problem problem = seen.problem();
        boolean stalled = problem != null;
        boolean failing = seen.reconcileError() != null;
        Readiness<?> waitingFor = waitingFor(seen);
        boolean ready = !stalled && !failing && !seen.suspended() && !seen.asleep() && !seen.waking()
                && waitingFor == null && seen.hold() == null && workloads.ready();

        List<Condition> conditions = new ArrayList<>();
        conditions.add(Conditions.make(before, Conditions.READY, ready, readyReason(seen, waitingFor, workloads, ready),
                readyMessage(seen, waitingFor, workloads, ready), generation, now));
        conditions.add(reconciling(before, seen, waitingFor, workloads, ready, generation, now));
        conditions.add(stalled
                ? Conditions.make(before, Conditions.STALLED, true, problem.reason(), problem.message(), generation, now)
                : Conditions.make(before, Conditions.STALLED, false, "SpecAccepted",
                        "The spec can be carried out", generation, now));
        conditions.add(condition(before, Conditions.DATABASE_READY, seen.database(), generation, now));
        conditions.add(condition(before, Conditions.FILES_READY, seen.files(), generation, now));
        if (seen.bucket() != null) {
            conditions.add(condition(before, Conditions.BUCKET_READY, seen.bucket(), generation, now));
        }
        if (seen.backup() != null) {
            // While the stack sleeps its backups wait for it: the verdict from before the sleep stands (the backup
            // taken on waking brings it up to date), instead of turning BackupTooOld over every weekend.
            Condition slept = seen.asleep() || seen.waking() ? before.stream()
                    .filter(c -> Conditions.BACKUP_HEALTHY.equals(c.getType())).findFirst().orElse(null) : null;
            conditions.add(slept != null ? slept : condition(before, Conditions.BACKUP_HEALTHY, seen.backup(), generation, now));
        }
        if (seen.backupVerified() != null) {
            conditions.add(condition(before, Conditions.BACKUP_VERIFIED, seen.backupVerified(), generation, now));
        }
        conditions.add(Conditions.make(before, Conditions.WORKLOADS_READY, workloads.ready(), workloads.reason(),
                workloads.message(), generation, now));

        PanStackStatus status = new PanStackStatus();
        status.setObservedGeneration(generation);
        status.setPhase(stalled ? Phase.Failed
                : seen.asleep() && !failing ? Phase.Hibernating
                : seen.suspended() && !failing ? Phase.Suspended
                : ready ? (backupsFailing(seen) ? Phase.Degraded : Phase.Ready)
                : failing || workloads.anyProblems() ? Phase.Degraded
                : Phase.Provisioning);
        status.setUrl(seen.url());
        status.setAwsRegion(seen.awsRegion());
        status.setHibernation(seen.hibernation());
        status.setConditions(conditions);
        status.setComponents(componentStatuses(seen));
        status.setDatabase(seen.database().where());
        status.setFiles(seen.files().where());
        status.setBucket(seen.bucket() == null ? null : seen.bucket().where());
        status.setBackup(seen.backup() == null ? null : seen.backup().where());
        return status;
    }

    /**
     * The status of a PanStack being deleted while the operator waits for AWS: phase Deleting, not Ready, still
     * Reconciling with what it waits for; everything else as it was.
     */
    public static PanStackStatus deleting(PanStackStatus previous, String message, long generation, Instant now) {
        List<Condition> before = previous == null ? List.of() : previous.getConditions();
        PanStackStatus status = previous == null ? new PanStackStatus() : previous.copy();
        List<Condition> conditions = new ArrayList<>(before.stream()
                .filter(c -> !Conditions.READY.equals(c.getType()) && !Conditions.RECONCILING.equals(c.getType()))
                .toList());
        conditions.add(0, Conditions.make(before, Conditions.RECONCILING, true, "Deleting", message, generation, now));
        conditions.add(0, Conditions.make(before, Conditions.READY, false, "Deleting", message, generation, now));
        status.setConditions(conditions);
        status.setPhase(Phase.Deleting);
        return status;
    }

    private static Condition condition(List<Condition> before, String type, Readiness<?> readiness, long generation,
            Instant now) {
        return Conditions.make(before, type, readiness.ready(), readiness.reason(), readiness.message(), generation, now);
    }

    /** BackupHealthy False for a reason other than the user's opt-out. */
    private static boolean backupsFailing(Observation seen) {
        return seen.backup() != null && !seen.backup().ready()
                && !Conditions.BACKUPS_DISABLED.equals(seen.backup().reason());
    }

    /** The first of database, files and bucket that is not ready, or null. */
    private static Readiness<?> waitingFor(Observation seen) {
        for (Readiness<?> needed : java.util.Arrays.asList(seen.database(), seen.files(), seen.bucket())) {
            if (needed != null && !needed.ready()) {
                return needed;
            }
        }
        return null;
    }

    private static String waitingReason(Observation seen, Readiness<?> waitingFor) {
        return waitingFor == seen.database() ? "Database" : waitingFor == seen.files() ? "Files" : "Bucket";
    }

    private static String readyReason(Observation seen, Readiness<?> waitingFor, Workloads workloads, boolean ready) {
        if (ready) {
            return "AllComponentsReady";
        }
        if (seen.problem() != null) {
            return seen.problem().reason();
        }
        if (seen.asleep() || seen.waking()) {
            return seen.asleep() ? HIBERNATING : WAKING;
        }
        if (seen.suspended()) {
            return SUSPENDED;
        }
        if (seen.reconcileError() != null) {
            return Conditions.RECONCILE_ERROR;
        }
        if (waitingFor != null) {
            return waitingReason(seen, waitingFor) + "NotReady";
        }
        return seen.hold() != null ? seen.hold().reason() : "WorkloadsNotReady";
    }

    private static String readyMessage(Observation seen, Readiness<?> waitingFor, Workloads workloads, boolean ready) {
        if (ready) {
            return "Pi is ready at " + seen.url();
        }
        if (seen.problem() != null) {
            return "The spec cannot be carried out (see Stalled): " + seen.problem().message();
        }
        if (seen.asleep() || seen.waking()) {
            return seen.hibernation().getMessage();
        }
        if (seen.suspended()) {
            return SUSPENDED_MESSAGE;
        }
        if (seen.reconcileError() != null) {
            return "The last reconcile failed and will be retried: " + seen.reconcileError();
        }
        if (waitingFor != null) {
            return waitingFor.message();
        }
        return seen.hold() != null ? seen.hold().message() : workloads.message();
    }

    private static Condition reconciling(List<Condition> before, Observation seen, Readiness<?> waitingFor,
            Workloads workloads, boolean ready, long generation, Instant now) {
        if (seen.problem() != null) {
            return Conditions.make(before, Conditions.RECONCILING, false, "Stalled",
                    "Waiting for the spec to be fixed (see Stalled)", generation, now);
        }
        if (seen.asleep() && seen.reconcileError() == null) {
            return Conditions.make(before, Conditions.RECONCILING, false, HIBERNATING, seen.hibernation().getMessage(),
                    generation, now);
        }
        if (seen.waking() && seen.reconcileError() == null) {
            return Conditions.make(before, Conditions.RECONCILING, true, WAKING, seen.hibernation().getMessage(),
                    generation, now);
        }
        if (seen.suspended() && seen.reconcileError() == null) {
            return Conditions.make(before, Conditions.RECONCILING, false, SUSPENDED, SUSPENDED_MESSAGE, generation, now);
        }
        if (ready) {
            return Conditions.make(before, Conditions.RECONCILING, false, "Reconciled",
                    "Every component runs generation " + generation, generation, now);
        }
        if (seen.reconcileError() != null) {
            return Conditions.make(before, Conditions.RECONCILING, true, Conditions.RECONCILE_ERROR, seen.reconcileError(),
                    generation, now);
        }
        if (waitingFor != null) {
            return Conditions.make(before, Conditions.RECONCILING, true, "WaitingFor" + waitingReason(seen, waitingFor),
                    waitingFor.message(), generation, now);
        }
        if (seen.hold() != null) {
            return Conditions.make(before, Conditions.RECONCILING, true, seen.hold().reason(), seen.hold().message(),
                    generation, now);
        }
        return Conditions.make(before, Conditions.RECONCILING, true, "RollingOut", workloads.message(), generation, now);
    }

    private static List<ComponentStatus> componentStatuses(Observation seen) {
        Stream<ComponentObservation> all = seen.databaseWorkload() == null ? seen.components().stream()
                : Stream.concat(Stream.of(seen.databaseWorkload()), seen.components().stream());
        return all.map(c -> new ComponentStatus(c.name(), c.image(), c.desiredReplicas(), c.readyReplicas(),
                c.updatedReplicas(), c.problems().isEmpty() ? null : String.join("; ", c.problems()))).toList();
    }

    /** The WorkloadsReady verdict over the Pi components. */
    record Workloads(boolean ready, String reason, String message, boolean anyProblems) {

        static Workloads of(Observation seen) {
            List<ComponentObservation> components = seen.components();
            boolean anyProblems = components.stream().anyMatch(ComponentObservation::hasProblems)
                    || (seen.databaseWorkload() != null && seen.databaseWorkload().hasProblems());
            List<String> waiting = components.stream().filter(ComponentObservation::waitingForDatabase)
                    .map(ComponentObservation::name).toList();
            List<String> notReady = components.stream().filter(c -> !c.ready() && !c.waitingForDatabase())
                    .map(Workloads::describe).toList();
            if (waiting.isEmpty() && notReady.isEmpty()) {
                return new Workloads(true, "AllComponentsReady",
                        "Ready: " + String.join(", ", components.stream()
                                .map(c -> c.name() + " " + c.readyReplicas() + "/" + c.desiredReplicas()).toList()),
                        anyProblems);
            }
            List<String> parts = new ArrayList<>(notReady);
            if (!waiting.isEmpty()) {
                parts.add(String.join(" and ", waiting) + " start once the database is ready");
            }
            String reason = components.stream().anyMatch(ComponentObservation::hasProblems) ? "ComponentsFailing"
                    : waiting.isEmpty() ? "ComponentsNotReady" : "WaitingForDatabase";
            return new Workloads(false, reason, "Not ready: " + String.join("; ", parts), anyProblems);
        }

        private static String describe(ComponentObservation c) {
            String figures = !c.exists() ? " not created yet"
                    : " " + c.readyReplicas() + "/" + c.desiredReplicas() + " ready"
                            + (c.updatedReplicas() < c.desiredReplicas() || c.totalReplicas() > c.desiredReplicas()
                                    ? ", " + c.updatedReplicas() + "/" + c.desiredReplicas() + " updated" : "");
            return c.name() + figures + (c.hasProblems() ? " (" + String.join("; ", c.problems()) + ")" : "");
        }
    }
}
