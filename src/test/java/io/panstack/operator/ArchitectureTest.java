package io.panstack.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/**
 * The package layout the README's code map promises: capabilities on shared foundations, with no package cycle, so a
 * change to one capability never has to follow a loop through the others. Read from the sources' imports.
 */
@Tag(Tiers.UNIT)
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/io/panstack/operator");
    private static final Pattern REFERENCE = Pattern.compile("io\\.panstack\\.operator\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    private static final Set<String> CAPABILITIES = Set.of("workloads", "database", "files", "bucket", "backup", "network", "hibernation");
    private static final Set<String> FOUNDATIONS = Set.of("pass", "cloud", "kube", "stack", "status", "aws", "api");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = dependencies();
        for (String start : graph.keySet()) {
            assertThat(reachable(graph, start)).as("packages reachable from " + start + " (a cycle if it is there)")
                    .doesNotContain(start);
        }
    }

    @Test
    void foundationsNeverDependOnACapabilityOrOnTheReconciler() {
        Map<String, Set<String>> graph = dependencies();
        graph.forEach((from, to) -> {
            if (FOUNDATIONS.contains(from)) {
                assertThat(to)
                        .as(from + " depends on").doesNotContainAnyElementsOf(CAPABILITIES).doesNotContain("reconcile");
            }
        });
    }

    @Test
    void capabilitiesNeverDependOnTheReconciler() {
        dependencies().forEach((from, to) -> {
            if (CAPABILITIES.contains(from)) {
                assertThat(to).as(from + " depends on").doesNotContain("reconcile");
            }
        });
    }

    private static String top(String pkg) {
        return pkg.split("\\.")[0];
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> seen = new HashSet<>();
        List<String> queue = new ArrayList<>(graph.getOrDefault(start, Set.of()));
        while (!queue.isEmpty()) {
            String next = queue.remove(queue.size() - 1);
            if (seen.add(next)) {
                queue.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /**
     * Package to the packages its sources name (imports and fully qualified names). A package counts with its
     * sub-packages: aws.rds, aws.efs and aws.s3 are parts of the aws adapters, api.v1alpha1 of the api.
     */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String pkg = top(MAIN.relativize(file.getParent()).toString().replace('/', '.'));
                Set<String> to = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(read(file));
                while (m.find()) {
                    if (!top(m.group(1)).equals(pkg)) {
                        to.add(top(m.group(1)));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(graph).as("packages read").containsKeys("reconcile", "workloads", "backup", "pass");
        return graph;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
