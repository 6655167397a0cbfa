package io.panstack.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's own metrics (reconciliations, events, executions), without its per-resource series: QOSDK's default keeps
 * timers and counters per PanStack (~21 KB of /q/metrics a stack, 4 MB at 200), and the timers stay after the stack
 * is deleted. Per stack the operator has its own panstack_* gauges (StackMetrics), bounded and removed with it.
 */
public class OperatorMetrics {

    @Produces
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
