package io.panstack.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every test class runs in some tier, as pom.xml's surefire executions select them: the fast tier (./mvnw test), the
 * slow tiers, and the e2e and benchmark profiles each take the classes their includes take, their excludes leave and
 * their groups (tag expression) match. A class no execution selects never runs and never fails, as three unit test
 * classes of runtime/ did until 2026-12-02 (a whole package's *Test.java was excluded from the fast tier to keep its
 * Quarkus tests out). And the fast tier does not even load a Quarkus test, which would build an application for it.
 */
@Tag(Tiers.UNIT)
class TestSelectionTest {
    private static final Path TESTS = Path.of("src/test/java");
    /** The executions that run tests: the build's two, then the e2e and benchmark profiles' own. */
    private static final List<String> EXECUTIONS = List.of("default-test", "slow-tiers", "e2e", "benchmark");
    /** Surefire's own includes, for the executions that name none. */
    private static final List<String> SUREFIRE_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
            "**/*TestCase.java");

    /**
     * One surefire execution: a class runs there when its includes take it, its excludes do not, and its tags are among
     * the groups ({@code a | b | none()}, where none() takes an untagged class).
     */
    record Tier(String execution, List<PathMatcher> includes, List<PathMatcher> excludes, Set<String> groups) {
        boolean selects(Path file, Set<String> classTags) {
            boolean tagged = classTags.isEmpty() ? groups.contains("none()") : classTags.stream().anyMatch(groups::contains);
            return tagged && includes.stream().anyMatch(p -> p.matches(file)) && !excludes(file);
        }

        boolean excludes(Path file) {
            return excludes.stream().anyMatch(p -> p.matches(file));
        }
    }

    @Test
    void everyTestClassRunsInATier() throws IOException {
        List<Tier> tiers = tiers();
        Set<String> neverRun = new TreeSet<>();
        for (Path file : testSources()) {
            Class<?> type = load(file);
            if (isTestClass(type)) {
                Set<String> tags = tags(type);
                if (tiers.stream().noneMatch(tier -> tier.selects(file, tags))) {
                    neverRun.add(file + " " + tags);
                }
            }
        }
        assertThat(neverRun).as("test classes no tier of pom.xml selects").isEmpty();
    }

    @Test
    void theFastTierLoadsNoQuarkusTest() throws IOException {
        Tier fast = tiers().stream().filter(tier -> tier.execution().equals("default-test")).findFirst().orElseThrow();
        Set<String> loaded = new TreeSet<>();
        for (Path file : testSources()) {
            if (AnnotationSupport.isAnnotated(load(file), QuarkusTest.class) && !fast.excludes(file)) {
                loaded.add(file.toString());
            }
        }
        assertThat(loaded).as("Quarkus tests the fast tier loads (exclude them in its execution)").isEmpty();
    }

    private static List<Tier> tiers() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        return EXECUTIONS.stream().map(id -> tier(pom, id)).toList();
    }

    /**
     * The execution of this id that runs tests: the one with groups, not a profile's copy of the same id that only
     * skips it.
     */
    private static Tier tier(String pom, String id) {
        Matcher start = Pattern.compile("<execution>\\s*<id>" + id + "</id>").matcher(pom);
        while (start.find()) {
            String execution = pom.substring(start.start(), pom.indexOf("</execution>", start.start()));
            List<String> groups = values(execution, "groups");
            if (!groups.isEmpty()) {
                List<String> includes = values(execution, "include");
                return new Tier(id, globs(includes.isEmpty() ? SUREFIRE_INCLUDES : includes),
                        globs(values(execution, "exclude")),
                        Set.of(groups.get(0).replace(" ", "").split("\\|")));
            }
        }
        throw new AssertionError("pom.xml has no surefire execution " + id + " with groups");
    }

    private static List<String> values(String xml, String element) {
        return Pattern.compile("<" + element + ">([^<]+)</" + element + ">").matcher(xml).results()
                .map(m -> m.group(1).strip()).toList();
    }

    private static List<PathMatcher> globs(List<String> patterns) {
        return patterns.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
    }

    /** The sources under src/test/java, relative to it, as surefire matches them. */
    private static List<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().contains("-"))
                    .map(TESTS::relativize).sorted().toList(); // not package-info.java
        }
    }

    private static Class<?> load(Path source) {
        String name = source.toString().replace(".java", "").replace('/', '.');
        try {
            return Class.forName(name, false, TestSelectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No class for " + source, e);
        }
    }

    private static boolean isTestClass(Class<?> type) {
        return !Modifier.isAbstract(type.getModifiers()) && !testMethods(type).isEmpty();
    }

    /** @Test, @ParameterizedTest, @RepeatedTest, @TestFactory...: JUnit marks them all @Testable. */
    private static List<Method> testMethods(Class<?> type) {
        return ReflectionSupport.findMethods(type, method -> AnnotationSupport.isAnnotated(method, Testable.class),
                HierarchyTraversalMode.TOP_DOWN);
    }

    /** The class's tags, inherited and meta-annotated ones too, with those of its test methods. */
    private static Set<String> tags(Class<?> type) {
        Set<String> tags = new TreeSet<>();
        AnnotationSupport.findRepeatableAnnotations(type, Tag.class).forEach(tag -> tags.add(tag.value()));
        testMethods(type).forEach(method -> AnnotationSupport.findRepeatableAnnotations(method, Tag.class)
                .forEach(tag -> tags.add(tag.value())));
        return tags;
    }
}
