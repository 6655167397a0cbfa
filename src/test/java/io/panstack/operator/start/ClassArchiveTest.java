package io.panstack.operator.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.HotSpotDiagnosticMXBean;

import io.panstack.operator.testsupport.ApplyingMockServer;
import io.panstack.operator.testsupport.ClassArchive;
import io.panstack.operator.testsupport.ContainerJvm;
import io.panstack.operator.testsupport.OperatorProcess;
import io.panstack.operator.testsupport.Tiers;

/**
 * The class archive the package build makes (pom.xml, "class-archive") is one this JVM takes for this package: a
 * start of the packaged operator, with deploy/'s JVM flags and the archive, maps the classes of its start from it.
 * When the archive is missing, stale or refused (another JVM build, another path), the JVM reads every class from
 * the jars again, and the start is about half a second slower, with nothing else to say so.
 */
@Tag(Tiers.RECONCILER) // needs the package, so it runs after it, with the slow tiers
class ClassArchiveTest {
    private static final String FROM_THE_ARCHIVE = "source: shared objects file (top)";

    @Test
    void aStartOfThePackageTakesItsClassesFromTheArchive(@TempDir Path temp) throws Exception {
        assumeFalse(Boolean.getBoolean("skipClassArchive"), "the build was asked to make no archive");
        assumeTrue("true".equals(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseSharedSpaces").getValue()), "this JVM has no CDS archive of its own to build on");
        Path jar = OperatorProcess.JAR;
        assertThat(ClassArchive.of(jar)).as("the package build writes the archive beside quarkus-run.jar").exists();
        Path loads = temp.resolve("class-load.log");
        List<String> flags = new ArrayList<>(ContainerJvm.flags());
        // -Xshare:on: a JVM that cannot use the archive says so and exits, rather than start without it.
        flags.addAll(List.of("-Xshare:on", ClassArchive.flag(jar), "-Xlog:class+load=info:file=" + loads));

        try (ApplyingMockServer server = new ApplyingMockServer(true);
                OperatorProcess operator = OperatorProcess.start(jar, server.kubeconfig(temp), temp, flags,
                        Map.of("HOSTNAME", "class-archive-test"))) {
            operator.awaitReady(Duration.ofMinutes(1));
            operator.stop(Duration.ofSeconds(10));
        }

        Set<String> listed = new HashSet<>(StartWarmUp.recordedClasses(OperatorMain.class.getClassLoader()));
        Map<String, Boolean> startedWith = new HashMap<>(); // class → from the archive
        for (String line : Files.readAllLines(loads)) {
            if (listed.contains(className(line))) {
                startedWith.merge(className(line), line.endsWith(FROM_THE_ARCHIVE), Boolean::logicalAnd);
            }
        }
        long fromArchive = startedWith.values().stream().filter(Boolean::booleanValue).count();
        assertThat(startedWith).as("the start loads the classes StartWarmUp lists").hasSizeGreaterThan(listed.size() / 2);
        // The JVM archives a class only when it is linked; without the training's linking ~4 % were left out.
        assertThat(fromArchive).as("of the %d listed classes this start loaded, from the archive (the rest were read"
                + " from the jars)", startedWith.size()).isGreaterThanOrEqualTo(startedWith.size() * 98L / 100);
    }

    /** The training's switch left in JAVA_OPTS_APPEND, say: without -XX:ArchiveClassesAtExit the operator starts. */
    @Test
    void theTrainingSwitchAloneStartsTheOperator(@TempDir Path temp) throws Exception {
        List<String> flags = new ArrayList<>(ContainerJvm.flags());
        flags.add("-D" + ClassArchiveTraining.SWITCH + "=true");

        try (ApplyingMockServer server = new ApplyingMockServer(true);
                OperatorProcess operator = OperatorProcess.start(server.kubeconfig(temp), temp, flags,
                        Map.of("HOSTNAME", "class-archive-switch-test"))) {
            operator.awaitReady(Duration.ofMinutes(1));
            assertThat(operator.output()).contains(ClassArchiveTraining.SWITCH + " is set without"
                    + " -XX:ArchiveClassesAtExit: ignored");
            operator.stop(Duration.ofSeconds(10));
        }
    }

    /** "[0.123s][info][class,load] a.b.C source: ..." → "a.b.C". */
    private static String className(String line) {
        String[] words = line.replaceFirst("^(\\[[^]]*])+ ", "").split(" ");
        return words[0];
    }
}
