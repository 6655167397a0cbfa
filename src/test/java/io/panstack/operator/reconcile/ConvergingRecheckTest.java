package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.Phase;
import io.panstack.operator.testsupport.ApplyingMockServer;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.OperatorProcess;
import io.panstack.operator.testsupport.Tiers;

/**
 * A stack being made (phase Provisioning) is looked at again every converging-recheck interval although no event
 * comes: the four stacks parked until the 10-minute resync after an event that never reached the operator.
 * The rechecks write nothing (those that find the caches unchanged end at once, QuietRecheck), and they stop once
 * the stack is Ready (where nothing is awaited).
 */
@Tag(Tiers.RECONCILER)
class ConvergingRecheckTest {
    static final String STARTED = "operator_sdk_reconciliations_started_total";
    static final String QUIET = "panstack_quiet_rechecks_total";

    @Test
    void aStackStillConvergingIsRecheckedWithoutEventsAndAReadyOneIsNot() throws Exception {
        Path temp = Files.createTempDirectory("panstack-recheck");
        try (ApplyingMockServer server = new ApplyingMockServer(true)) {
            ClusterFixture cluster = ClusterFixture.inFreshNamespace(server.driver());
            try (OperatorProcess operator = OperatorProcess.start(server.kubeconfig(temp), temp, List.of(),
                    Map.of("PANSTACK_CONVERGING_RECHECK_INTERVAL", "2s"))) {
                operator.awaitReady(Duration.ofMinutes(1));
                cluster.create(PanStackReconcilerTest.MINIMAL);
                await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus() != null
                        && cluster.get("demo").getStatus().getPhase() == Phase.Provisioning);
                Thread.sleep(3000); // the creates and their events are over; MariaDB waits for a ready StatefulSet
                server.drain();

                double before = operator.metricSum(STARTED);
                double quietBefore = operator.metricSum(QUIET);
                Thread.sleep(9000);
                assertThat(operator.metricSum(STARTED) - before).as("reconciles of a Provisioning stack, no event")
                        .isGreaterThanOrEqualTo(2); // after 2 s, then half the time spent converging
                assertThat(operator.metricSum(QUIET) - quietBefore)
                        .as("rechecks that found the caches as the last full reconcile did, and ended at once")
                        .isPositive();
                assertThat(server.drain().writes()).as("a recheck that finds nothing new writes nothing").isZero();

                cluster.bringUp("demo");
                Thread.sleep(3000);
                double ready = operator.metricSum(STARTED);
                Thread.sleep(9000);
                assertThat(operator.metricSum(STARTED) - ready).as("reconciles of a Ready stack, no event").isZero();
                operator.stop(Duration.ofSeconds(10));
            }
        }
    }
}
