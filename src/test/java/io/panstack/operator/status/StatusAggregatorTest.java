package io.panstack.operator.status;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.panstack.operator.api.v1alpha1.BucketStatus;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.api.v1alpha1.FilesAccessMode;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.api.v1alpha1.Phase;

@Tag(Tiers.UNIT)
class StatusAggregatorTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-21T10:05:00Z");
    static final Instant T2 = Instant.parse("2026-11-21T10:09:00Z");
    static final String URL = "https://bi.example.com/pi";
    static final DatabaseStatus WHERE = new DatabaseStatus(DatabaseMode.InCluster, "demo-mariadb", 3306, "dashboard",
            "demo-db-credentials");
    static final Readiness<FilesStatus> FILES = new Readiness<>(true, "VolumeClaimCreated", "PersistentVolumeClaim demo-files is bound (5Gi)",
            new FilesStatus("demo-files", FilesAccessMode.ReadWriteOnce, "5Gi"));

    static final Readiness<DatabaseStatus> DB_READY = new Readiness<>(true, "InClusterDatabaseReady", "MariaDB ready", WHERE);
    static final Readiness<DatabaseStatus> DB_STARTING = new Readiness<>(false, "DatabaseStarting", "MariaDB demo-mariadb is not ready yet", WHERE);

    static ComponentObservation ready(String name, int replicas) {
        return new ComponentObservation(name, "img/" + name + ":1", replicas, true, true, replicas, replicas, replicas, List.of(), false);
    }

    static ComponentObservation starting(String name) {
        return new ComponentObservation(name, "img/" + name + ":1", 1, true, true, 0, 1, 1, List.of(), false);
    }

    static ComponentObservation failing(String name, String problem) {
        return new ComponentObservation(name, "img/" + name + ":1", 1, true, true, 0, 1, 1, List.of(problem), false);
    }

    static ComponentObservation waiting(String name) {
        return ComponentObservation.notCreated(name, "img/" + name + ":1", 1, true);
    }

    static Observation seen(long generation, Readiness<DatabaseStatus> db, ComponentObservation... components) {
        return new Observation(generation, null, null, db, ready("mariadb", 1), List.of(components), FILES, null, null, null, false, URL);
    }

    static String status(PanStackStatus status, String type) {
        return condition(status, type).getStatus();
    }

    static Condition condition(PanStackStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void everythingReadyMeansReadyTrueAndNothingReconciling() {
        PanStackStatus status = StatusAggregator.aggregate(seen(3, DB_READY, ready("dashboard", 1), ready("renderer", 2)), null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Ready);
        assertThat(status.getObservedGeneration()).isEqualTo(3);
        assertThat(status.getUrl()).isEqualTo(URL);
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactly("Ready", "Reconciling", "Stalled", "DatabaseReady", "FilesReady", "WorkloadsReady");
        assertThat(status.getConditions()).allSatisfy(c -> {
            assertThat(c.getReason()).isNotBlank().matches("[A-Z][A-Za-z]+");
            assertThat(c.getObservedGeneration()).isEqualTo(3);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-21T10:00:00Z");
        });
        assertThat(status(status, "Ready")).isEqualTo("True");
        assertThat(condition(status, "Ready").getMessage()).contains(URL);
        assertThat(status(status, "Reconciling")).isEqualTo("False");
        assertThat(status(status, "Stalled")).isEqualTo("False");
        assertThat(status(status, "WorkloadsReady")).isEqualTo("True");
        assertThat(status.getComponents()).extracting(c -> c.getName() + " " + c.getReadyReplicas() + "/" + c.getReplicas())
                .containsExactly("mariadb 1/1", "dashboard 1/1", "renderer 2/2");
    }

    @Test
    void databaseNotReadyHoldsTheStackInProvisioning() {
        PanStackStatus status = StatusAggregator.aggregate(
                seen(1, DB_STARTING, waiting("dashboard"), ready("renderer", 1), waiting("scheduler")), null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("DatabaseNotReady");
        assertThat(condition(status, "Reconciling").getReason()).isEqualTo("WaitingForDatabase");
        assertThat(status(status, "Reconciling")).isEqualTo("True");
        assertThat(condition(status, "DatabaseReady").getReason()).isEqualTo("DatabaseStarting");
        assertThat(condition(status, "WorkloadsReady").getReason()).isEqualTo("WaitingForDatabase");
        assertThat(condition(status, "WorkloadsReady").getMessage())
                .contains("dashboard and scheduler start once the database is ready");
    }

    @Test
    void podProblemsMakeTheStackDegradedAndNameTheProblem() {
        PanStackStatus status = StatusAggregator.aggregate(seen(2, DB_READY, ready("dashboard", 1),
                failing("renderer", "ImagePullBackOff: container renderer: Back-off pulling image \"x\"")), null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(status, "WorkloadsReady").getReason()).isEqualTo("ComponentsFailing");
        assertThat(condition(status, "WorkloadsReady").getMessage()).contains("renderer 0/1 ready").contains("ImagePullBackOff");
        assertThat(condition(status, "Ready").getMessage()).contains("ImagePullBackOff");
        assertThat(status.getComponents()).filteredOn(c -> c.getName().equals("renderer")).singleElement()
                .satisfies(c -> assertThat(c.getMessage()).startsWith("ImagePullBackOff"));
    }

    @Test
    void aRolloutStillHoldingOldPodsIsNotReady() {
        ComponentObservation rolling = new ComponentObservation("dashboard", "img", 1, true, true, 1, 1, 2, List.of(), false);
        PanStackStatus status = StatusAggregator.aggregate(seen(4, DB_READY, rolling), null, T0);

        assertThat(status(status, "Ready")).isEqualTo("False");
        assertThat(condition(status, "Reconciling").getReason()).isEqualTo("RollingOut");
        assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
    }

    @Test
    void aTemplateTheControllerHasNotSeenYetIsNotReady() {
        ComponentObservation unobserved = new ComponentObservation("dashboard", "img", 1, true, false, 1, 1, 1, List.of(), false);
        assertThat(status(StatusAggregator.aggregate(seen(5, DB_READY, unobserved), null, T0), "Ready")).isEqualTo("False");
    }

    @Test
    void stalledOverridesEverythingAndSaysWhatToFix() {
        Problem problem = new Problem("LicenceSecretNotFound", "Secret pi-licence for the licence does not exist");
        Observation seen = new Observation(6, problem, null, DB_READY, ready("mariadb", 1), List.of(ready("dashboard", 1)), FILES, null, null, null, false, URL);

        PanStackStatus status = StatusAggregator.aggregate(seen, null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Failed);
        assertThat(status(status, "Stalled")).isEqualTo("True");
        assertThat(condition(status, "Stalled").getReason()).isEqualTo("LicenceSecretNotFound");
        assertThat(condition(status, "Stalled").getMessage()).contains("pi-licence");
        assertThat(status(status, "Ready")).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("LicenceSecretNotFound");
        assertThat(status(status, "Reconciling")).isEqualTo("False");
        assertThat(status.getObservedGeneration()).isEqualTo(6);
    }

    @Test
    void aFailedReconcileIsReportedAsReconcilingWithTheError() {
        Observation seen = new Observation(2, null, "Kubernetes API (403): forbidden", DB_READY, ready("mariadb", 1),
                List.of(ready("dashboard", 1)), FILES, null, null, null, false, URL);

        PanStackStatus status = StatusAggregator.aggregate(seen, null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(status, "Reconciling").getReason()).isEqualTo("ReconcileError");
        assertThat(condition(status, "Reconciling").getMessage()).contains("403");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ReconcileError");
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusValueChanges() {
        PanStackStatus first = StatusAggregator.aggregate(seen(1, DB_STARTING, waiting("dashboard")), null, T0);
        // Still not ready, but for another reason: the status value did not change, so the time stays.
        PanStackStatus second = StatusAggregator.aggregate(seen(1, DB_READY, starting("dashboard")), first, T1);
        PanStackStatus third = StatusAggregator.aggregate(seen(1, DB_READY, ready("dashboard", 1)), second, T2);

        assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(condition(second, "Ready").getReason()).isEqualTo("WorkloadsNotReady");
        assertThat(condition(second, "DatabaseReady").getLastTransitionTime()).isEqualTo("2026-11-21T10:05:00Z");
        assertThat(condition(third, "Ready").getLastTransitionTime()).isEqualTo("2026-11-21T10:09:00Z");
        assertThat(condition(third, "Stalled").getLastTransitionTime()).isEqualTo("2026-11-21T10:00:00Z");
    }

    @Test
    void theSameObservationGivesAnEqualStatusSoNothingIsRewritten() {
        Observation seen = seen(7, DB_READY, ready("dashboard", 1), failing("renderer", "CrashLoopBackOff: x"));
        PanStackStatus first = StatusAggregator.aggregate(seen, null, T0);
        PanStackStatus again = StatusAggregator.aggregate(seen, first, T2);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aNewGenerationIsReflectedInEveryCondition() {
        PanStackStatus first = StatusAggregator.aggregate(seen(1, DB_READY, ready("dashboard", 1)), null, T0);
        PanStackStatus second = StatusAggregator.aggregate(seen(2, DB_READY, ready("dashboard", 1)), first, T1);

        assertThat(second.getObservedGeneration()).isEqualTo(2);
        assertThat(second.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void veryLongMessagesAreCut() {
        Problem problem = new Problem("NameConflict", "x".repeat(5000));
        Observation seen = new Observation(1, problem, null, DB_READY, null, List.of(), FILES, null, null, null, false, URL);
        assertThat(condition(StatusAggregator.aggregate(seen, null, T0), "Stalled").getMessage()).hasSizeLessThanOrEqualTo(1024);
    }

    static final Readiness<BucketStatus> BUCKET_READY = new Readiness<>(true, "BucketAvailable", "Bucket b in eu-west-1",
            new BucketStatus("b", "eu-west-1"));

    @Test
    void filesNotReadyKeepTheStackFromReadyAndSayWhy() {
        Readiness<FilesStatus> creating = new Readiness<>(false, "EfsCreating", "EFS file system fs-1 is creating",
                FILES.where());
        Observation seen = new Observation(1, null, null, DB_READY, ready("mariadb", 1), List.of(ready("dashboard", 1)),
                creating, BUCKET_READY, null, null, false, URL);

        PanStackStatus status = StatusAggregator.aggregate(seen, null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("FilesNotReady");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("EFS file system fs-1 is creating");
        assertThat(condition(status, "Reconciling").getReason()).isEqualTo("WaitingForFiles");
        assertThat(status(status, "FilesReady")).isEqualTo("False");
        assertThat(status(status, "BucketReady")).isEqualTo("True");
        assertThat(status.getBucket().getName()).isEqualTo("b");
    }

    @Test
    void bucketConditionOnlyWithABucket() {
        PanStackStatus status = StatusAggregator.aggregate(seen(1, DB_READY, ready("dashboard", 1)), null, T0);

        assertThat(status.getConditions()).extracting(Condition::getType).doesNotContain("BucketReady");
        assertThat(status.getBucket()).isNull();
    }

    @Test
    void deletingKeepsTheRestAndSaysWhatItWaitsFor() {
        PanStackStatus ready = StatusAggregator.aggregate(seen(3, DB_READY, ready("dashboard", 1)), null, T0);

        PanStackStatus deleting = StatusAggregator.deleting(ready, "Waiting for AWS: RDS instance x (deleting)", 3, T1);

        assertThat(deleting.getPhase()).isEqualTo(Phase.Deleting);
        assertThat(status(deleting, "Ready")).isEqualTo("False");
        assertThat(condition(deleting, "Ready").getReason()).isEqualTo("Deleting");
        assertThat(condition(deleting, "Ready").getLastTransitionTime()).isEqualTo("2026-11-21T10:05:00Z");
        assertThat(condition(deleting, "Reconciling").getMessage()).contains("RDS instance x (deleting)");
        assertThat(condition(deleting, "DatabaseReady")).isEqualTo(condition(ready, "DatabaseReady"));
        assertThat(deleting.getComponents()).isEqualTo(ready.getComponents());
        assertThat(ready.getPhase()).as("the previous status is not changed in place").isEqualTo(Phase.Ready);
    }

    @Test
    void aSuspendedStackSaysSoAndIsNotReady() {
        Observation seen = new Observation(4, null, null, DB_READY, ready("mariadb", 1),
                List.of(new ComponentObservation("dashboard", "img/dashboard:1", 0, true, true, 0, 0, 0, List.of(), false)),
                FILES, null, null, null, true, URL);

        PanStackStatus status = StatusAggregator.aggregate(seen, null, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Suspended);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("Suspended");
        assertThat(status(status, "Reconciling")).isEqualTo("False");
        assertThat(condition(status, "Reconciling").getReason()).isEqualTo("Suspended");
    }
}
