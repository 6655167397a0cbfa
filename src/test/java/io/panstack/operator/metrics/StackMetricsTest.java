package io.panstack.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The per-stack gauges: one row each, the reconcile-failure flag from the status, all gone with the stack. */
@Tag(Tiers.UNIT)
class StackMetricsTest {

    static PanStackStatus reconciling(String reason) {
        PanStackStatus status = new PanStackStatus();
        status.setConditions(List.of(new ConditionBuilder().withType("Reconciling").withStatus("True")
                .withReason(reason).withMessage("…").build()));
        return status;
    }

    @Test
    void aStackWhoseReconcilesFailIsFlaggedAndItsRowsGoWithIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StackMetrics metrics = new StackMetrics(registry);
        var spec = TestStacks.minimal().spec();

        metrics.update("team-a", "bi", StackMetrics.figuresOf(spec, reconciling("ReconcileError")));
        metrics.update("team-a", "ok", StackMetrics.figuresOf(spec, reconciling("RollingOut")));

        assertThat(registry.get("panstack_reconcile_failing").tag("name", "bi").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("panstack_reconcile_failing").tag("name", "ok").gauge().value()).isZero();

        metrics.remove("team-a", "bi");
        assertThat(registry.find("panstack_reconcile_failing").tag("name", "bi").gauges()).isEmpty();
        assertThat(registry.find("panstack_ready").tag("name", "bi").gauges()).isEmpty();
    }

    @Test
    void aHibernatingStackIsNotCountedNotReadyNorLateWithItsBackups() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StackMetrics metrics = new StackMetrics(registry);
        var spec = TestStacks.minimal().spec();
        PanStackStatus asleep = reconciling("Hibernating");
        asleep.setHibernation(new io.panstack.operator.api.v1alpha1.HibernationStatus(
                io.panstack.operator.api.v1alpha1.HibernationStatus.State.Asleep, null, "2026-12-01T07:00:00Z", "…"));
        PanStackStatus awake = reconciling("Reconciled");
        awake.setHibernation(new io.panstack.operator.api.v1alpha1.HibernationStatus(
                io.panstack.operator.api.v1alpha1.HibernationStatus.State.Awake, "2026-12-01T19:00:00Z", null, null));

        metrics.update("team-a", "asleep", StackMetrics.figuresOf(spec, asleep));
        metrics.update("team-a", "awake", StackMetrics.figuresOf(spec, awake));
        metrics.update("team-a", "plain", StackMetrics.figuresOf(spec, reconciling("Reconciled")));

        assertThat(registry.get("panstack_hibernating").tag("name", "asleep").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("panstack_hibernating").tag("name", "awake").gauge().value()).isZero();
        assertThat(registry.find("panstack_hibernating").tag("name", "plain").gauges()).as("no schedule, no row").isEmpty();
        assertThat(registry.find("panstack_ready").tag("name", "asleep").gauges()).as("not-ready alert quiet").isEmpty();
        assertThat(registry.find("panstack_backup_max_age_seconds").tag("name", "asleep").gauges())
                .as("backup-age alerts quiet").isEmpty();
        assertThat(registry.get("panstack_backup_max_age_seconds").tag("name", "awake").gauge().value()).isPositive();
    }

    /** One stack's change touches that stack's rows only: at 1,000 stacks, re-registering them all was most of the CPU. */
    @Test
    void aChangeOfOneStackLeavesTheOtherStacksRowsAlone() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StackMetrics metrics = new StackMetrics(registry);
        var spec = TestStacks.minimal().spec();
        metrics.update("team-a", "bi", StackMetrics.figuresOf(spec, reconciling("RollingOut")));
        metrics.update("team-a", "other", StackMetrics.figuresOf(spec, reconciling("RollingOut")));
        Gauge other = registry.get("panstack_reconcile_failing").tag("name", "other").gauge();
        Gauge bi = registry.get("panstack_reconcile_failing").tag("name", "bi").gauge();

        metrics.update("team-a", "bi", StackMetrics.figuresOf(spec, reconciling("ReconcileError")));

        assertThat(bi.value()).as("the same row, reading the new figures").isEqualTo(1.0);
        assertThat(registry.get("panstack_reconcile_failing").tag("name", "bi").gauge()).isSameAs(bi);
        assertThat(registry.get("panstack_reconcile_failing").tag("name", "other").gauge()).isSameAs(other);
        assertThat(other.value()).isZero();
    }
}
