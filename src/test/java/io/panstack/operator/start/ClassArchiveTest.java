package io.panstack.operator.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.panstack.operator.testsupport.ClassArchive;
import io.panstack.operator.testsupport.OperatorProcess;
import io.panstack.operator.testsupport.Tiers;

/**
 * The class archive the package build makes (pom.xml, "class-archive") is one this JVM takes for this package: the
 * classes of a start, loaded through the packaged operator's own class loader, come from it. When the archive is
 * missing, stale or refused (another JVM, another path), the JVM reads every class from the jars again: the start is
 * a second slower, and nothing else says so.
 */
@Tag(Tiers.RECONCILER) // needs the package, so it runs after it, with the slow tiers
class ClassArchiveTest {
    private static final String FROM_THE_ARCHIVE = "source: shared objects file (top)";

    @Test
    void theClassesOfAStartComeFromThePackagesArchive(@TempDir Path temp) throws Exception {
        Path jar = OperatorProcess.JAR;
        assertThat(ClassArchive.of(jar)).as("the package build writes the archive beside quarkus-run.jar").exists();
        Path loads = temp.resolve("class-load.log");

        Path output = temp.resolve("output.log");
        ClassArchive.run(List.of("-Xshare:auto", ClassArchive.flag(jar), "-Xlog:class+load=info:file=" + loads),
                jar, output);

        Set<String> archived = Files.readAllLines(loads).stream().filter(line -> line.endsWith(FROM_THE_ARCHIVE))
                .map(line -> line.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ", "").split(" ")[0])
                .collect(Collectors.toSet());
        List<String> start = StartWarmUp.recordedClasses(OperatorMain.class.getClassLoader());
        long inThisPackage = Long.parseLong(Files.readString(output).strip().split(" ")[0]);
        long fromArchive = start.stream().filter(archived::contains).count();
        // Linked ones only: the JVM leaves a loaded class out of the archive unless it is linked (without the
        // training's linking, ~8 % of the list was left out).
        assertThat(fromArchive).as("of the %d classes of a start this package has, from the archive (the rest were"
                + " read from the jars)", inThisPackage).isGreaterThanOrEqualTo(inThisPackage * 98 / 100);
        assertThat(inThisPackage).isGreaterThan(start.size() * 9L / 10);
    }
}
