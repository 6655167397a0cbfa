package io.panstack.operator.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class ClassLoadLogTest {

    @Test
    void keepsTheClassesReadFromJarsAndModulesInTheOrderTheyLoaded() {
        List<String> log = List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.114s][info][class,load] io.quarkus.bootstrap.runner.QuarkusEntryPoint source: file:/app/lib/boot/io.quarkus.quarkus-bootstrap-runner-3.27.2.jar",
                "[0.199s][info][class,load] io.quarkus.runtime.Quarkus source: file:/app/lib/main/io.quarkus.quarkus-core-3.27.2.jar",
                "[0.201s][info][class,load] sun.nio.cs.UTF_8$Encoder source: jrt:/java.base",
                "[0.300s][info][class,load] io.panstack.operator.Foo$$Lambda$123/0x0000000801234 source: io.panstack.operator.Foo",
                "[0.301s][info][class,load] jdk.proxy2.$Proxy12 source: __dynamic_proxy__",
                "[0.350s][info][class,load] io.quarkus.runner.GeneratedMain source: file:/app/quarkus/generated-bytecode.jar",
                "[0.400s][info][class,load] io.quarkus.runtime.Quarkus source: file:/app/lib/main/io.quarkus.quarkus-core-3.27.2.jar");

        assertThat(ClassLoadLog.startClasses(log)).containsExactly("io.quarkus.runtime.Quarkus",
                "sun.nio.cs.UTF_8$Encoder", "io.quarkus.runner.GeneratedMain");
    }
}
