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
import java.util.function.Predicate;
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
 * Every test class runs in some tier, as pom.xml's surefire executions select them: the fast tier (./mvnw test) takes
 * unit and apiserver classes and untagged ones, the slow tiers reconciler, moto and mariadb, each minus its
 * excludes; the e2e and benchmark profiles take their tag among their includes. A class no tier selects never runs
 * and never fails, as three unit test classes of runtime/ did until 2026-12-02 (a whole package's *Test.java was
 * excluded from the fast tier to keep its Quarkus tests out). And no Quarkus test is even loaded by the fast tier,
 * which would build a Quarkus application for it.
 */
@Tag(Tiers.UNIT)
class TestSelectionTest {
    private static final Path TESTS = Path.of("src/test/java");
    /** Surefire's own includes, for the executions that name none. */
    private static final List<String> SUREFIRE_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
            "**/*TestCase.java");
    private static final Set<String> FAST = Set.of(Tiers.UNIT, Tiers.APISERVER);
    private static final Set<String> SLOW = Set.of(Tiers.RECONCILER, Tiers.MOTO, Tiers.MARIADB);

    /** One surefire execution: a class runs there when its includes take it, its excludes do not, and its tags fit. */
    record Tier(String execution, List<PathMatcher> includes, List<PathMatcher> excludes, Predicate<Set<String>> tags) {
        boolean selects(Path file, Set<String> classTags) {
            return includes.stream().anyMatch(p -> p.matches(file)) && excludes.stream().noneMatch(p -> p.matches(file))
                    && tags.test(classTags);
        }
    }

    @Test
    void everyTestClassRunsInATier() throws IOException {
        List<Tier> tiers = tiers(Files.readString(Path.of("pom.xml")));
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
        Tier fast = tiers(Files.readString(Path.of("pom.xml"))).get(0);
        Set<String> loaded = new TreeSet<>();
        for (Path file : testSources()) {
            if (AnnotationSupport.isAnnotated(load(file), QuarkusTest.class)
                    && fast.excludes().stream().noneMatch(p -> p.matches(file))) {
                loaded.add(file.toString());
            }
        }
        assertThat(loaded).as("Quarkus tests the fast tier loads (exclude them in its execution)").isEmpty();
    }

    private static List<Tier> tiers(String pom) {
        return List.of(
                tier(pom, "default-test", tags -> tags.isEmpty() || tags.stream().anyMatch(FAST::contains)),
                tier(pom, "slow-tiers", tags -> tags.stream().anyMatch(SLOW::contains)),
                tier(pom, "e2e", tags -> tags.contains(Tiers.E2E)),
                tier(pom, "benchmark", tags -> tags.contains("benchmark")));
    }

    /**
     * The execution of this id with its includes and excludes: its first (the build's, before any profile's), not a
     * profile of the same id.
     */
    private static Tier tier(String pom, String id, Predicate<Set<String>> tags) {
        Matcher start = Pattern.compile("<execution>\\s*<id>" + id + "</id>").matcher(pom);
        assertThat(start.find()).as("pom.xml has the surefire execution " + id).isTrue();
        String execution = pom.substring(start.start(), pom.indexOf("</execution>", start.start()));
        List<String> includes = values(execution, "include");
        return new Tier(id, globs(includes.isEmpty() ? SUREFIRE_INCLUDES : includes), globs(values(execution, "exclude")),
                tags);
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
