package io.panstack.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/**
 * Every test class runs in some tier: the fast tier (./mvnw test) takes the unit and apiserver tags and untagged
 * classes, minus the pom's excludes for it; the slow tiers take reconciler, moto and mariadb; the e2e profile takes
 * e2e. A test the pom's excludes hide from the only tier of its tag never runs and never fails, as three did here
 * (a whole package's *Test.java was excluded from the fast tier to keep its Quarkus tests out).
 */
@Tag(Tiers.UNIT)
class TestSelectionTest {
    private static final Path TESTS = Path.of("src/test/java");
    private static final Set<String> FAST = Set.of(Tiers.UNIT, Tiers.APISERVER);
    private static final Set<String> SLOW = Set.of(Tiers.RECONCILER, Tiers.MOTO, Tiers.MARIADB);
    private static final Pattern TAG = Pattern.compile("@Tag\\((?:Tiers\\.([A-Z]+)|\"([a-z0-9-]+)\")\\)");

    @Test
    void everyTestClassRunsInATier() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        List<PathMatcher> fastExcludes = excludes(pom, "default-test");
        List<PathMatcher> slowExcludes = excludes(pom, "slow-tiers");
        Set<String> neverRun = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Test.java")).toList()) {
                String source = Files.readString(file);
                if (!source.contains("@Test") && !source.contains("@ParameterizedTest")) {
                    continue; // a base class or helper, not a test of its own
                }
                Path relative = TESTS.relativize(file);
                Set<String> tags = tags(source);
                boolean fast = (tags.isEmpty() || tags.stream().anyMatch(FAST::contains)) && !matches(fastExcludes, relative);
                boolean slow = tags.stream().anyMatch(SLOW::contains) && !matches(slowExcludes, relative);
                boolean e2e = tags.contains(Tiers.E2E) || tags.contains("benchmark");
                if (!fast && !slow && !e2e) {
                    neverRun.add(relative + " " + tags);
                }
            }
        }
        assertThat(neverRun).as("test classes no tier runs (their tag's tier excludes them in pom.xml)").isEmpty();
    }

    /** The exclude patterns of the surefire execution with this id (the first one: the build's, not a profile's). */
    private static List<PathMatcher> excludes(String pom, String executionId) {
        int execution = pom.indexOf("<id>" + executionId + "</id>");
        assertThat(execution).as("pom.xml has the surefire execution " + executionId).isNotNegative();
        int end = pom.indexOf("</execution>", execution);
        Matcher exclude = Pattern.compile("<exclude>([^<]+)</exclude>").matcher(pom.substring(execution, end));
        return exclude.results().map(m -> FileSystems.getDefault().getPathMatcher("glob:" + m.group(1))).toList();
    }

    private static boolean matches(List<PathMatcher> patterns, Path relative) {
        return patterns.stream().anyMatch(p -> p.matches(relative));
    }

    private static Set<String> tags(String source) {
        Set<String> tags = new TreeSet<>();
        Matcher tag = TAG.matcher(source);
        while (tag.find()) {
            tags.add(tag.group(1) != null ? tierValue(tag.group(1)) : tag.group(2));
        }
        return tags;
    }

    private static String tierValue(String constant) {
        try {
            return (String) Tiers.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Tiers has no " + constant, e);
        }
    }
}
