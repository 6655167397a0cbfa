package io.panstack.operator.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class StartWarmUpTest {
    static final AtomicBoolean PROBE_INITIALIZED = new AtomicBoolean();

    static class Probe {
        static {
            PROBE_INITIALIZED.set(true);
        }
    }

    @Test
    void classesAreLoadedButNoStaticInitializerRuns() {
        int found = StartWarmUp.load(List.of(Probe.class.getName(), "io.panstack.NoSuchClass"),
                getClass().getClassLoader());

        assertThat(found).as("the probe is found, the missing class skipped").isEqualTo(1);
        assertThat(PROBE_INITIALIZED).as("a preloaded class runs its static initializer only when first used").isFalse();
    }

    /**
     * The list is recorded from a start of the packaged operator; all of it but the ~5 % Quarkus generates at
     * packaging is on this classpath too. A dependency upgrade that renames what a start loads makes the list
     * useless, quietly: the start is slower. Then record it again.
     */
    @Test
    void theRecordedStartClassesAreStillThisBuildsClasses() {
        ClassLoader loader = getClass().getClassLoader();
        List<String> names = StartWarmUp.recordedClasses(loader);

        int found = StartWarmUp.load(names, loader);

        assertThat(names).hasSizeGreaterThan(3000);
        assertThat(found).as("classes of %s found on this classpath; when too few, record the list again:"
                + " ./mvnw -Pbenchmark verify -Dtest=StackBenchmark -Dbenchmark.sizes=none -Dbenchmark.starts=1"
                + " -Dbenchmark.recordStartClasses=src/main/resources/%s", StartWarmUp.CLASSES, StartWarmUp.CLASSES)
                .isGreaterThan(names.size() * 9 / 10);
    }
}
