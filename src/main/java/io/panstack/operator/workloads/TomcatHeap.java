package io.panstack.operator.workloads;

import java.math.BigDecimal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * PI_TOMCAT_MAX_MEMORY (MB) from the dashboard's memory limit. The vendor pairs 1024 MB with 2048 MiB and 3072 MB
 * with 4096 MiB: leave max(1 GiB, a quarter) for everything that is not heap, but never less than half for the heap.
 */
final class TomcatHeap {
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    private TomcatHeap() {
    }

    /** The heap in MB, or null when there is no memory limit to derive it from. */
    static Integer maxMegabytes(ResourceRequirements resources) {
        Quantity limit = resources == null || resources.getLimits() == null ? null : resources.getLimits().get("memory");
        if (limit == null) {
            return null;
        }
        long limitMib = Quantity.getAmountInBytes(limit).divideToIntegralValue(MIB).longValue();
        long headroom = Math.max(1024, limitMib / 4);
        return (int) Math.max(limitMib / 2, limitMib - headroom);
    }
}
