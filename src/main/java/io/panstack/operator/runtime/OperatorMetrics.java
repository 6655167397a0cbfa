package io.panstack.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's own metrics (reconciliations, events, executions), without its per-resource series: QOSDK's default keeps
 * timers and counters per PanStack (~21 KB of /q/metrics a stack, 4 MB at 200), and the timers stay after the stack
 * is deleted. Per stack the operator has its own panstack_* gauges (StackMetrics), bounded and removed with it.
 * <p>
 * panstack_operator_leader says which replica acts (1) and which waits (0). Readiness does not: a standby whose
 * caches are warm is ready to take over, and a Deployment rollout waits for its new pod to be ready before the old
 * one, still leading, is stopped; readiness bound to leadership would stall every rollout.
 */
public class OperatorMetrics {

    @Produces
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        Gauge.builder("panstack.operator.leader", () -> LeaseHandOver.leading() ? 1 : 0)
                .description("1 when this replica leads (acts), 0 while it waits as a standby").register(registry);
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
