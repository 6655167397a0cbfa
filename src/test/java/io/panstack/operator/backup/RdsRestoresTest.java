package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.backup.InPlaceRestores.Plan;
import io.panstack.operator.cloud.RdsRestoreProgress;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** PanStackRestores to an RDS snapshot or point in time, as the plan reports them (AWS does the work: RdsRestore). */
@Tag(Tiers.UNIT)
class RdsRestoresTest {
    static final Stack RDS = RestoreJobTest.RDS;
    static final Stack ADOPTING = TestStacks.withSpec("""
            version: '2025_10.1'
            database:
              rds: {identifier: finance-db, credentialsSecretRef: {name: finance-db}}
            backup: {}
            """);
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Target BUCKET = new Target("bi-bucket", "eu-west-1");

    static PanStackRestore toPointInTime(String name, String created) {
        PanStackRestore restore = new PanStackRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withUid("uid-" + name)
                .withCreationTimestamp(created).build());
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack("bi");
        spec.setPointInTime("2026-11-30T09:00:00Z");
        restore.setSpec(spec);
        return restore;
    }

    static Plan plan(Stack stack, List<PanStackRestore> restores, RdsRestoreProgress progress) {
        return InPlaceRestores.plan(stack, BUCKET, restores, List.of(), List.of(), List.of(), progress, NOW);
    }

    static RdsRestoreProgress progress(String restore, RestorePhase phase, String message) {
        return new RdsRestoreProgress(restore, phase, "point-in-time:2026-11-30T09:00:00Z", "panstack-new", "panstack-old",
                message);
    }

    @Test
    void piKeepsRunningWhileAwsMakesTheNewInstanceAndStatusFollowsIt() {
        PanStackRestore restore = toPointInTime("to-nine", "2026-11-30T11:00:00Z");

        assertThat(InPlaceRestores.rdsRequest(RDS, List.of(restore), List.of())).hasValueSatisfying(request -> {
            assertThat(request.name()).isEqualTo("to-nine");
            assertThat(request.uid()).isEqualTo("uid-to-nine");
        });
        Plan waiting = plan(RDS, List.of(restore), null);
        PanStackRestoreStatus pending = waiting.statuses().get("to-nine");
        assertThat(pending.getPhase()).isEqualTo(RestorePhase.Pending);
        restore.setStatus(pending);
        assertThat(plan(RDS, List.of(restore), null).statuses()).as("no AWS look, no new status").isEmpty();

        Plan creating = plan(RDS, List.of(restore), progress("to-nine", RestorePhase.CreatingInstance, "AWS is restoring"));
        assertThat(creating.stopPi()).isFalse();
        assertThat(creating.hold()).as("the stack stays Ready on its instance").isNull();
        assertThat(creating.jobsToStart()).isEmpty();
        PanStackRestoreStatus status = creating.statuses().get("to-nine");
        assertThat(status.getPhase()).isEqualTo(RestorePhase.CreatingInstance);
        assertThat(status.getStartTime()).isEqualTo(NOW.toString());
        assertThat(status.getRestoredInstance()).isEqualTo("panstack-new");
        assertThat(status.getPreviousInstance()).isEqualTo("panstack-old");
        restore.setStatus(status);

        RdsRestoreProgress retrying = progress("to-nine", null, "Retrying: rds: Throttling");
        PanStackRestoreStatus retried = plan(RDS, List.of(restore), retrying).statuses().get("to-nine");
        assertThat(retried.getPhase()).as("a failed call keeps the phase").isEqualTo(RestorePhase.CreatingInstance);
        assertThat(retried.getMessage()).contains("Throttling");

        PanStackRestoreStatus done = plan(RDS, List.of(restore), progress("to-nine", RestorePhase.Completed, "Pi runs on"))
                .statuses().get("to-nine");
        assertThat(done.getPhase()).isEqualTo(RestorePhase.Completed);
        assertThat(done.getCompletionTime()).isEqualTo(NOW.toString());
        assertThat(done.getStartTime()).isEqualTo(NOW.toString());
    }

    @Test
    void oneRestoreAtATimeTheOthersWait() {
        PanStackRestore first = toPointInTime("first", "2026-11-30T10:00:00Z");
        PanStackRestore second = toPointInTime("second", "2026-11-30T11:00:00Z");

        assertThat(InPlaceRestores.rdsRequest(RDS, List.of(second, first), List.of())).hasValueSatisfying(
                request -> assertThat(request.name()).isEqualTo("first"));
        Plan plan = plan(RDS, List.of(second, first), progress("first", RestorePhase.CreatingInstance, "AWS"));
        assertThat(plan.statuses().get("second").getPhase()).isEqualTo(RestorePhase.Pending);
        assertThat(plan.statuses().get("second").getMessage()).contains("first");

        PanStackRestore logical = InPlaceRestoresTest.restore("a", InPlaceRestoresTest.FILE, null);
        logical.getMetadata().setCreationTimestamp("2026-11-30T09:00:00Z");
        assertThat(InPlaceRestores.rdsRequest(RDS, List.of(first, logical), List.of()))
                .as("behind an in-place restore, AWS is not asked yet").isEmpty();
    }

    @Test
    void aStackNotOnRdsOrOnAnAdoptedInstanceIsRefusedAndNothingChanges() {
        for (Stack stack : List.of(InPlaceRestoresTest.STACK, ADOPTING)) {
            PanStackRestore restore = toPointInTime("to-nine", "2026-11-30T11:00:00Z");

            assertThat(InPlaceRestores.rdsRequest(stack, List.of(restore), List.of())).as("AWS is not asked").isEmpty();
            Plan plan = plan(stack, List.of(restore), null);
            PanStackRestoreStatus status = plan.statuses().get("to-nine");
            assertThat(status.getPhase()).isEqualTo(RestorePhase.Failed);
            assertThat(status.getMessage()).contains("nothing was changed");
            assertThat(status.getCompletionTime()).isNotNull();
            assertThat(plan.stopPi()).isFalse();
        }
        assertThat(plan(ADOPTING, List.of(toPointInTime("x", "2026-11-30T11:00:00Z")), null).statuses().get("x")
                .getMessage()).contains("finance-db");
    }
}
