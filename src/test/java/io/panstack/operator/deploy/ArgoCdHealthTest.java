package io.panstack.operator.deploy;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

import com.fasterxml.jackson.databind.JsonNode;

import io.panstack.operator.crd.apiserver.Manifests;

/**
 * deploy/argocd/panstack-health.lua, the Argo CD health check for PanStacks, run with luaj the way Argo CD runs it
 * with gopher-lua: {@code obj} is the object as a Lua table (JSON objects as tables, arrays 1-based, every number a
 * float, nulls absent), the script returns {@code {status, message}}, and only the base, package and table libraries
 * are open (custom health scripts get no string, math or os library unless useOpenLibs is set).
 *
 * <p>Each fixture under src/test/resources/argocd/ is a whole PanStack with what the script must answer:
 * <pre>
 * # case: what the stack is going through
 * # expect: Healthy "a fragment of the message"
 * </pre>
 */
@Tag(Tiers.UNIT)
class ArgoCdHealthTest {
    static final Path SCRIPT = Path.of("deploy", "argocd", "panstack-health.lua");
    static final Path CONFIG_MAP_PATCH = Path.of("deploy", "argocd", "argocd-cm-patch.yaml");
    static final String CONFIG_MAP_KEY = "resource.customizations.health.panstack.io_PanStack";
    static final Path FIXTURES = Path.of("src", "test", "resources", "argocd");
    /** What Argo CD accepts from a health script; anything else becomes Unknown. */
    static final Set<String> ARGO_CD_STATUSES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing",
            "Unknown");

    private static final Pattern EXPECT = Pattern.compile("^#\\s*expect:\\s*(\\w+)\\s+\"(.*)\"\\s*$");
    private static final Pattern CASE = Pattern.compile("^#\\s*case:\\s*(.+?)\\s*$");

    static String script;
    private static LuaValue stringMetatable;

    record Fixture(Path file, String summary, String status, String message, JsonNode object) {
        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    record Health(String status, String message) {
    }

    @BeforeAll
    static void load() throws IOException {
        script = Files.readString(SCRIPT);
        // Strings get their methods (s:find, ...) from the string library's metatable, which luaj keeps in a static
        // field; without the library Argo CD's Lua has none.
        stringMetatable = LuaString.s_metatable;
        LuaString.s_metatable = null;
    }

    @AfterAll
    static void restore() {
        LuaString.s_metatable = stringMetatable;
    }

    static List<Fixture> fixtures() {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            List<Fixture> fixtures = files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .map(ArgoCdHealthTest::fixture).toList();
            if (fixtures.isEmpty()) {
                throw new IllegalStateException("no fixtures in " + FIXTURES);
            }
            return fixtures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void answersWhatTheFixtureExpects(Fixture fixture) {
        assertThat(fixture.object().path("kind").asText()).as("a whole PanStack").isEqualTo("PanStack");
        assertThat(fixture.object().path("apiVersion").asText()).isEqualTo("panstack.io/v1alpha1");

        Health health = run(toLua(fixture.object()));

        assertThat(health.status()).as(fixture.summary()).isEqualTo(fixture.status());
        assertThat(health.message()).as(fixture.summary()).contains(fixture.message());
    }

    @Test
    void fixturesCoverEveryVerdictTheScriptGives() {
        List<Fixture> fixtures = fixtures();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(10);
        assertThat(fixtures.stream().map(Fixture::status).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Healthy", "Progressing", "Degraded", "Suspended");
        assertThat(fixtures).extracting(f -> f.file().getFileName().toString()).contains("healthy.yaml",
                "generation-not-observed.yaml", "no-status.yaml", "stalled.yaml", "backup-stale.yaml",
                "suspended.yaml", "deleting.yaml", "rolling-out.yaml", "degraded-pods-failing.yaml",
                "conditions-missing.yaml");
    }

    @Test
    void configMapPatchEmbedsTheScriptVerbatim() throws IOException {
        JsonNode patch = Manifests.parse(Files.readString(CONFIG_MAP_PATCH));

        assertThat(patch.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(patch.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(patch.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
        assertThat(patch.path("data").size()).as("only the health check").isEqualTo(1);
        JsonNode embedded = patch.path("data").path(CONFIG_MAP_KEY);
        assertThat(embedded.isTextual()).as(CONFIG_MAP_KEY).isTrue();
        assertThat(embedded.asText()).isEqualTo(script);
    }

    /** Argo CD hands the script whatever the API server stores; a script error would show as a health error. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{metadata: {}}",
            "{metadata: {generation: 3}, status: {}}",
            "{metadata: {generation: 3}, status: broken}",
            "{metadata: {generation: 3}, spec: broken, status: {observedGeneration: 3, conditions: broken}}",
            "{metadata: {generation: 3}, status: {observedGeneration: '3', phase: Ready}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, conditions: {type: Ready, status: 'True'}}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, conditions: [null, 7, text, [], {}]}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, phase: 12, conditions: [{type: Ready}]}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, conditions: [{type: Stalled, status: 'True'}]}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, conditions: [{type: Ready, status: 'True', reason: 5, message: true}]}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, phase: Degraded}}",
            "{metadata: {generation: 3}, status: {observedGeneration: 3, phase: Failed, conditions: []}}",
            "{metadata: {generation: 3, deletionTimestamp: '2026-11-21T09:00:00Z'}}",
            "{metadata: {generation: broken}, status: {observedGeneration: 1, conditions: [{type: Ready, status: 'True'}]}}",
            "{metadata: {}, status: {observedGeneration: 1, conditions: [{type: Ready, status: 'True', observedGeneration: 1}]}}",
    })
    void neverFailsOnPartialOrMalformedObjects(String yaml) {
        assertThatCode(() -> {
            Health health = run(toLua(Manifests.parse(yaml)));
            assertThat(health.message()).isNotBlank();
        }).doesNotThrowAnyException();
    }

    @Test
    void withoutAnObjectItReportsProgressing() {
        assertThat(run(LuaValue.NIL).status()).isEqualTo("Progressing");
    }

    @Test
    void aGenerationAndObservedGenerationAreNumbersAsInArgoCd() {
        // Argo CD turns int64 into a Lua float: 5 must print as "5", not "5.0", in the message.
        Health health = run(toLua(Manifests.parse("{metadata: {generation: 5}, status: {observedGeneration: 4}}")));
        assertThat(health).isEqualTo(new Health("Progressing", "Waiting for the operator to observe generation 5"));
    }

    @Test
    void usesOnlyTheLibrariesArgoCdOpensForCustomHealthChecks() {
        String code = script.lines().map(line -> line.replaceFirst("--.*$", "")).collect(Collectors.joining("\n"));
        assertThat(code).doesNotContainPattern("\\b(string|math|os|io|debug|coroutine|utf8)\\s*\\.")
                .doesNotContainPattern("\\brequire\\b")
                .doesNotContainPattern("\\b(load|loadstring|dofile|loadfile|setfenv|getfenv)\\s*\\(")
                .as("method calls on strings need the string library").doesNotContainPattern("[\\w)\\]\"']:\\w+\\s*\\(")
                .as("goto is Lua 5.2; Argo CD runs Lua 5.1").doesNotContainPattern("\\bgoto\\b");
    }

    private static Health run(LuaValue object) {
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.set("obj", object);

        LuaValue result = globals.load(script, "@" + SCRIPT.getFileName()).call();

        assertThat(result.istable()).as("the script returns a table").isTrue();
        LuaValue status = result.get("status");
        LuaValue message = result.get("message");
        // Argo CD reads the table as JSON into {status string, message string}: numbers would not do.
        assertThat(status.type()).as("status is a string").isEqualTo(LuaValue.TSTRING);
        assertThat(message.type()).as("message is a string").isEqualTo(LuaValue.TSTRING);
        assertThat(ARGO_CD_STATUSES).contains(status.tojstring());
        return new Health(status.tojstring(), message.tojstring());
    }

    /** As Argo CD's decodeValue: objects become tables, arrays 1-based tables (nulls dropped), numbers floats. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                LuaValue value = toLua(field.getValue());
                if (!value.isnil()) {
                    table.rawset(field.getKey(), value);
                }
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            int index = 1;
            for (JsonNode item : node) {
                LuaValue value = toLua(item);
                if (!value.isnil()) {
                    table.rawset(index++, value);
                }
            }
            return table;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return LuaValue.valueOf(node.asText());
    }

    private static Fixture fixture(Path file) {
        try {
            String summary = null;
            String status = null;
            String message = null;
            for (String line : Files.readAllLines(file)) {
                Matcher expect = EXPECT.matcher(line);
                Matcher kase = CASE.matcher(line);
                if (expect.matches()) {
                    status = expect.group(1);
                    message = expect.group(2);
                } else if (kase.matches()) {
                    summary = kase.group(1);
                }
            }
            if (status == null || summary == null) {
                throw new IllegalStateException(file + " needs '# case: ...' and '# expect: <Status> \"...\"'");
            }
            if (!ARGO_CD_STATUSES.contains(status)) {
                throw new IllegalStateException(file + ": Argo CD has no health status " + status);
            }
            return new Fixture(file, summary, status, message, Manifests.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
