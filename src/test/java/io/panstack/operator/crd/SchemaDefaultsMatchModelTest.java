package io.panstack.operator.crd;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.crd.apiserver.Manifests;

/**
 * The schema's defaults (applied by the API server) and the Java model's initial values (what the operator sees when
 * a field is absent, e.g. for objects stored before a default existed) must agree, or the same manifest means
 * different things depending on who filled the gaps. A {@code @Default} that disagrees with its field's initializer
 * shows up here.
 *
 * <p>Each manifest is given only what is required. A: the API server's view, the manifest with the schema's defaults
 * applied. B: the operator's view, the manifest read into {@link PanStack} and its spec written back to JSON.
 */
@Tag(Tiers.APISERVER)
class SchemaDefaultsMatchModelTest {
    private static final ApiServerSchema API = ApiServerSchema.load();

    /** Sorted keys, so the comparison (and AssertJ's diff) ignores key order, which means nothing in JSON. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<Arguments> manifests() {
        return Stream.of(
                Arguments.of("only the version", "version: '2023_11'"),
                Arguments.of("in-cluster database", """
                        version: '2023_11'
                        database: {inCluster: {}}"""),
                Arguments.of("external database", """
                        version: '2023_11'
                        database: {external: {host: h, credentialsSecretRef: {name: s}}}"""),
                Arguments.of("licence", """
                        version: '2023_11'
                        licence: {secretKeyRef: {name: n, key: k}}"""),
                // Objects present but empty: their own default is not used, their properties' defaults are.
                Arguments.of("every object present but empty", """
                        version: '2023_11'
                        ingress: {}
                        dashboard: {}
                        renderer: {}
                        scheduler: {}
                        analytics: {}
                        excelReader: {}
                        adminer: {}
                        database: {inCluster: {storage: {}}}
                        files: {persistentVolume: {}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void schemaDefaultsEqualTheModelsInitialValues(String name, String spec) throws JsonProcessingException {
        JsonNode manifest = Manifests.parse("""
                apiVersion: panstack.io/v1alpha1
                kind: PanStack
                metadata: {name: defaults}
                spec:
                """ + spec.indent(2));
        assertThat(API.validate(manifest)).as("the manifest is valid").isEmpty();

        JsonNode schemaView = API.withDefaults(manifest).get("spec");
        PanStack model = Serialization.unmarshal(manifest.toString(), PanStack.class);
        JsonNode modelView = CANONICAL.readTree(Serialization.asJson(model.getSpec()));

        assertThat(canonical(modelView)).as("the model's spec (B) against the schema-defaulted spec (A)")
                .isEqualTo(canonical(schemaView));
    }

    /**
     * Pretty JSON with sorted keys. Numbers are compared as written: the CRD's YAML and the model's Integer fields
     * both give plain integers, so no number normalisation is needed. Quantities (resources, sizes) stay strings and
     * are compared as text: the defaults and the model's initial values come from the same strings in Defaults.
     */
    private static String canonical(JsonNode node) throws JsonProcessingException {
        return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
    }
}
