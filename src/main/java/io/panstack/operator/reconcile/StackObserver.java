package io.panstack.operator.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.api.v1alpha1.FilesAccessMode;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.BackupObservations;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.backup.VerificationHealth;
import io.panstack.operator.cloud.CloudObservations;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.RdsState;
import io.panstack.operator.cloud.RestorableTimeShown;
import io.panstack.operator.files.BucketSeeding;
import io.panstack.operator.files.SeedProgress;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.PiPaths;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.ComponentObservation;
import io.panstack.operator.status.Observation;
import io.panstack.operator.status.Problem;
import io.panstack.operator.status.Readiness;
import io.panstack.operator.workloads.PodProblems;

/** Gathers an {@link Observation} of a stack from the operator's informer caches. Reads only. */
final class StackObserver {

    private StackObserver() {
    }

    /**
     * @param pass            what this reconcile found (the stack, its AWS resources, readiness and holds)
     * @param started         the panstack.io/backup-now and verify-now requests this reconcile started a Job for
     */
    static Observation observe(Pass pass, Context<PanStack> context, Problem problem, String reconcileError,
            Backups.OnDemand started, java.time.Instant now) {
        Stack stack = pass.stack();
        PanStackStatus previous = stack.resource().getStatus();
        List<Pod> pods = context.getSecondaryResourcesAsStream(Pod.class).toList();
        boolean inCluster = stack.database().mode() == DatabaseMode.InCluster;
        Optional<StatefulSet> mariadb = context.getSecondaryResource(StatefulSet.class);
        ComponentObservation databaseWorkload = inCluster ? mariadb(stack, mariadb, pods) : null;
        boolean databaseReady = pass.databaseReady();
        // A pending restore keeps the dashboard and scheduler waiting although the database takes connections.
        boolean repositoryReady = pass.repositoryReady();

        List<ComponentObservation> components = new ArrayList<>();
        for (Component component : Component.values()) {
            if (component.enabledIn(stack.spec())) {
                Optional<Deployment> deployment = context.getSecondaryResourcesAsStream(Deployment.class)
                        .filter(d -> stack.names().component(component).equals(d.getMetadata().getName())).findFirst();
                components.add(component(stack, component, deployment, pods, repositoryReady));
            }
        }
        // A stalled stack still runs what it ran before: keep describing that database and URL.
        boolean keepPrevious = problem != null && previous != null;
        CloudState cloud = pass.cloud();
        DatabaseStatus where = keepPrevious && previous.getDatabase() != null ? previous.getDatabase()
                : where(stack, cloud == null ? null : cloud.database(), pass.restoredAt(), previous);
        if (inCluster && !(keepPrevious && previous.getDatabase() != null)) {
            where.setVolumeName(DataVolumes.boundVolume(context, stack.names().databaseVolume()));
        }
        String url = keepPrevious && previous.getUrl() != null ? previous.getUrl() : url(stack);
        Readiness<DatabaseStatus> database = stack.database().mode() == DatabaseMode.Rds
                ? CloudObservations.database(cloud, where, previous)
                : database(stack, databaseWorkload, databaseReady, where);
        Readiness<FilesStatus> files = SeedProgress.of(stack, BucketSeeding.job(stack, context))
                .applyTo(files(stack, context, cloud, previous));
        Readiness<BackupStatus> backup = backup(pass, context, started, now);
        Readiness<Void> verified = stack.spec().backsUp() && backup.where() != null
                ? VerificationHealth.of(stack.spec().getBackup().getVerify(), backup.where(),
                        BackupObservations.verifiedSince(stack, context), now) : null;
        return new Observation(stack.resource().getMetadata().getGeneration() == null ? 0
                : stack.resource().getMetadata().getGeneration(), problem, reconcileError,
                database, databaseWorkload, components, files,
                stack.spec().getBucket() == null ? null : CloudObservations.bucket(cloud, previous),
                backup, pass.hold(), stack.spec().suspended(), url, awsRegion(pass, previous), verified,
                keepPrevious ? previous.getHibernation() : stack.sleep().shown());
    }

    private static Readiness<BackupStatus> backup(Pass pass, Context<PanStack> context, Backups.OnDemand started,
            java.time.Instant now) {
        Readiness<BackupStatus> backup = BackupObservations.observe(pass, context, started, now);
        if (backup.where() != null && PersistentData.backsUpToVolume(pass.stack())) {
            backup.where().setVolumeName(DataVolumes.boundVolume(context, pass.stack().names().backupVolume()));
        }
        return backup;
    }

    /** Recorded by the first pass that reached AWS, and kept: later passes may only find the same (see AwsPass). */
    private static String awsRegion(Pass pass, PanStackStatus previous) {
        if (previous != null && previous.getAwsRegion() != null) {
            return previous.getAwsRegion();
        }
        return pass.cloud() == null ? null : pass.cloud().region();
    }

    private static ComponentObservation component(Stack stack, Component component, Optional<Deployment> found,
            List<Pod> pods, boolean databaseReady) {
        String image = component.image(stack.spec());
        Integer owned = component.replicas(stack);
        // Left to an HPA: what it (or the operator, at creation) set is what should run.
        int desired = owned != null ? owned : found.map(d -> d.getSpec().getReplicas())
                .orElse(component.settings(stack.spec()).replicas());
        if (found.isEmpty()) {
            return ComponentObservation.notCreated(component.id(), image, desired,
                    component.usesRepository() && !databaseReady);
        }
        Deployment deployment = found.get();
        DeploymentStatus status = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
        List<String> problems = new ArrayList<>(PodProblems.of(podsOf(pods, component.id())));
        problems.addAll(PodProblems.ofRollout(status.getConditions()));
        return new ComponentObservation(component.id(), image, desired, true,
                generationObserved(deployment.getMetadata().getGeneration(), status.getObservedGeneration()),
                orZero(status.getReadyReplicas()), orZero(status.getUpdatedReplicas()), orZero(status.getReplicas()),
                problems, false);
    }

    private static ComponentObservation mariadb(Stack stack, Optional<StatefulSet> found, List<Pod> pods) {
        String image = stack.spec().getDatabase().inClusterOrDefault().getImage();
        if (found.isEmpty()) {
            return ComponentObservation.notCreated(StackLabels.MARIADB, image, 1, false);
        }
        int desired = stack.sleep().databaseStopped() ? 0 : 1;
        StatefulSet statefulSet = found.get();
        StatefulSetStatus status = Optional.ofNullable(statefulSet.getStatus()).orElseGet(StatefulSetStatus::new);
        return new ComponentObservation(StackLabels.MARIADB, image, desired, true,
                generationObserved(statefulSet.getMetadata().getGeneration(), status.getObservedGeneration()),
                orZero(status.getReadyReplicas()), orZero(status.getUpdatedReplicas()), orZero(status.getReplicas()),
                PodProblems.of(podsOf(pods, StackLabels.MARIADB)), false);
    }

    private static Readiness<DatabaseStatus> database(Stack stack, ComponentObservation workload, boolean ready,
            DatabaseStatus where) {
        DatabaseConnection db = stack.database();
        if (db.mode() == DatabaseMode.External) {
            return new Readiness<>(true, "ExternalDatabaseConfigured", "Using " + db.host() + ":" + db.port()
                    + ", schema " + db.schema() + ", with the login in Secret " + db.credentialsSecret()
                    + "; the dashboard logs any connection error", where);
        }
        if (ready) {
            return new Readiness<>(true, "InClusterDatabaseReady", "MariaDB " + db.host() + ":" + db.port()
                    + " accepts connections; schema " + db.schema(), where);
        }
        if (!workload.exists()) {
            return new Readiness<>(false, "DatabaseNotCreated", "MariaDB " + db.host() + " is not created yet", where);
        }
        return new Readiness<>(false, workload.hasProblems() ? "DatabaseFailing" : "DatabaseStarting",
                "MariaDB " + db.host() + " is not ready yet"
                        + (workload.hasProblems() ? ": " + String.join("; ", workload.problems()) : ""), where);
    }

    private static DatabaseStatus where(Stack stack, RdsState rds, String restoredAt, PanStackStatus previous) {
        DatabaseConnection db = stack.database();
        DatabaseStatus where = new DatabaseStatus(db.mode(), db.host(), db.port(), db.schema(), db.credentialsSecret());
        where.setRestoredAt(restoredAt);
        if (rds != null) {
            where.setInstanceId(rds.identifier());
            where.setAwsStatus(rds.awsStatus());
            DatabaseStatus before = previous == null ? null : previous.getDatabase();
            // Another instance (a restore made a new one) shows its own time at once.
            String shown = before != null && Objects.equals(rds.identifier(), before.getInstanceId())
                    ? before.getLatestRestorableTime() : null;
            where.setLatestRestorableTime(RestorableTimeShown.of(shown, rds.latestRestorableTime()));
        } else if (db.mode() == DatabaseMode.Rds && previous != null && previous.getDatabase() != null) {
            // AWS not looked at in this pass: the instance is still the one recorded (a restore may have moved it).
            where.setInstanceId(previous.getDatabase().getInstanceId());
            where.setAwsStatus(previous.getDatabase().getAwsStatus());
            where.setLatestRestorableTime(previous.getDatabase().getLatestRestorableTime());
        }
        return where;
    }

    private static Readiness<FilesStatus> files(Stack stack, Context<PanStack> context, CloudState cloud,
            PanStackStatus previous) {
        String claimName = stack.names().filesVolume();
        Optional<PersistentVolumeClaim> claim = context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
                .filter(pvc -> claimName.equals(pvc.getMetadata().getName())).findFirst();
        String capacity = claim.map(pvc -> pvc.getStatus() == null || pvc.getStatus().getCapacity() == null ? null
                        : pvc.getStatus().getCapacity().get("storage"))
                .filter(Objects::nonNull).map(Quantity::toString).orElse(null);
        boolean efs = stack.spec().getFiles().getEfs() != null;
        FilesStatus where = new FilesStatus(claimName,
                efs ? FilesAccessMode.ReadWriteMany : stack.spec().getFiles().getPersistentVolume().accessMode(), capacity);
        where.setVolumeName(claim.map(DataVolumes::boundVolume).orElse(null));
        if (efs) {
            return CloudObservations.files(cloud, where, previous);
        }
        // A claim may stay unbound until its first pod is scheduled (WaitForFirstConsumer): existing is enough.
        return claim.isPresent()
                ? new Readiness<>(true, "VolumeClaimCreated", "PersistentVolumeClaim " + claimName
                        + (capacity != null ? " is bound (" + capacity + ")" : " is created; it binds when its first pod is scheduled"), where)
                : new Readiness<>(false, "VolumeClaimNotCreated", "PersistentVolumeClaim " + claimName
                        + " is not created yet", where);
    }

    static String url(Stack stack) {
        if (stack.externalUrl() != null) {
            return stack.externalUrl().dashboardUrl();
        }
        return "http://" + stack.names().component(Component.DASHBOARD) + "." + stack.namespace() + ".svc:"
                + PiPaths.DASHBOARD_PORT + PiPaths.CONTEXT_PATH;
    }

    private static List<Pod> podsOf(List<Pod> pods, String component) {
        return pods.stream().filter(pod -> component.equals(pod.getMetadata().getLabels().get(StackLabels.COMPONENT)))
                .toList();
    }

    private static boolean generationObserved(Long generation, Long observed) {
        return generation == null || (observed != null && observed >= generation);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

}
