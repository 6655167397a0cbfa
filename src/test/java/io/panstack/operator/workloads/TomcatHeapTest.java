package io.panstack.operator.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.panstack.operator.testsupport.Tiers;

/**
 * PI_TOMCAT_MAX_MEMORY from the dashboard's memory limit. The vendor pairs 1024 MB with a 2048 MiB task and 3072 MB
 * with a 4096 MiB task (panintelligence.md 1.2).
 */
@Tag(Tiers.UNIT)
class TomcatHeapTest {

    static ResourceRequirements limit(String memory) {
        return new ResourceRequirementsBuilder().addToLimits("memory", new Quantity(memory)).build();
    }

    @ParameterizedTest(name = "{0} -> {1} MB")
    @CsvSource({
            "2Gi, 1024",   // vendor: ATM example, TECS default
            "4Gi, 3072",   // vendor: AD@13e422f
            "8Gi, 6144",   // large: a quarter is left for the rest
            "1Gi, 512",    // small: never less than half for the heap
            "1536Mi, 768",
            "2147483648, 1024", // plain bytes
            "2048Mi, 1024",
    })
    void heapFollowsTheMemoryLimit(String limit, int megabytes) {
        assertThat(TomcatHeap.maxMegabytes(limit(limit))).isEqualTo(megabytes);
    }

    @Test
    void heapAlwaysLeavesRoomForTheRestOfTheJvm() {
        for (String limit : new String[] { "512Mi", "1Gi", "1536Mi", "2Gi", "3Gi", "4Gi", "6Gi", "16Gi" }) {
            long limitMib = Quantity.getAmountInBytes(new Quantity(limit)).longValue() / (1024 * 1024);
            assertThat(TomcatHeap.maxMegabytes(limit(limit))).as(limit)
                    .isLessThan((int) limitMib)
                    .isGreaterThanOrEqualTo((int) (limitMib / 2));
        }
    }

    @Test
    void noHeapWithoutResources() {
        assertThat(TomcatHeap.maxMegabytes(null)).isNull();
    }

    @Test
    void noHeapWithoutLimits() {
        assertThat(TomcatHeap.maxMegabytes(new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("4Gi")).build())).isNull();
    }

    @Test
    void noHeapWithOnlyACpuLimit() {
        assertThat(TomcatHeap.maxMegabytes(new ResourceRequirementsBuilder()
                .withLimits(Map.of("cpu", new Quantity("2"))).build())).isNull();
    }
}
