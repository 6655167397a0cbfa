package io.panstack.operator.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/** The training run links classes for the archive and must start nothing: no static initializer runs. */
@Tag(Tiers.UNIT)
class ClassArchiveTrainingTest {
    static final AtomicBoolean CLASS_INITIALIZED = new AtomicBoolean();
    static final AtomicBoolean INTERFACE_INITIALIZED = new AtomicBoolean();

    static class Probe {
        static {
            CLASS_INITIALIZED.set(true);
        }
    }

    interface ProbeInterface {
        AtomicBoolean MARK = mark();

        private static AtomicBoolean mark() {
            INTERFACE_INITIALIZED.set(true);
            return INTERFACE_INITIALIZED;
        }

        default void use() {
        }
    }

    @Test
    void classesAndInterfacesAreLinkedButNotInitialized() {
        int linked = ClassArchiveTraining.linkAll(List.of(Probe.class.getName(), ProbeInterface.class.getName(),
                "io.panstack.NoSuchClass"), getClass().getClassLoader());

        assertThat(linked).as("both probes linked, the missing class skipped").isEqualTo(2);
        assertThat(CLASS_INITIALIZED).as("no static initializer runs in the training").isFalse();
        assertThat(INTERFACE_INITIALIZED).as("nor an interface's").isFalse();
    }

    /** The switch alone (left in JAVA_OPTS_APPEND, say) must not make the operator exit instead of starting. */
    @Test
    void withoutAnArchiveToWriteThereIsNoTraining() {
        assertThat(ClassArchiveTraining.archiving()).as("this JVM runs without -XX:ArchiveClassesAtExit").isFalse();
    }
}
