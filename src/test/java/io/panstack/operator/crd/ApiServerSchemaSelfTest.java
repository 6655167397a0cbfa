package io.panstack.operator.crd;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.crd.apiserver.CrdChecks;
import io.panstack.operator.crd.apiserver.Manifests;

/**
 * The emulation itself, on a small made-up CRD: each step of the API server's handling must both let good objects
 * through and catch what it is there to catch, or the PanStack tests would prove nothing.
 */
@Tag(Tiers.APISERVER)
class ApiServerSchemaSelfTest {
    private static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.io}
            spec:
              group: example.io
              names: {kind: Widget, plural: widgets, singular: widget}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                subresources: {status: {}}
                schema:
                  openAPIV3Schema:
                    type: object
                    x-kubernetes-validations:
                    - {rule: "self.metadata.name.startsWith('w')", message: "name must start with w"}
                    properties:
                      spec:
                        type: object
                        required: [size]
                        x-kubernetes-validations:
                        - {rule: "self.size <= self.limit", message: "size above limit"}
                        properties:
                          size: {type: integer, minimum: 1}
                          limit: {type: integer, default: 10}
                          mode:
                            type: string
                            enum: [Fast, Slow]
                            default: Fast
                            x-kubernetes-validations: [{rule: "self == oldSelf", message: "mode is immutable"}]
                          tag:
                            type: string
                            x-kubernetes-validations: [{rule: "self == oldSelf", message: "tag is immutable"}]
                          nested:
                            type: object
                            default: {}
                            properties:
                              a: {type: string, default: x}
                          labels:
                            type: object
                            additionalProperties: {type: string, maxLength: 3}
                            x-kubernetes-validations: [{rule: "self['team'] != ''", message: "labels need a team"}]
                          parts:
                            type: array
                            maxItems: 2
                            items:
                              type: object
                              properties:
                                name: {type: string}
                                namespace: {type: string, maxLength: 63}
                              x-kubernetes-validations:
                              - {rule: "self.name != 'bad'", message: "bad part"}
                              - {rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'", message: "not in kube-system"}
                          quantity:
                            x-kubernetes-int-or-string: true
                            anyOf: [{type: integer}, {type: string}]
                          free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      status:
                        type: object
                        properties:
                          ready: {type: boolean}
            """;
    private static final ApiServerSchema API = ApiServerSchema.of(Manifests.parse(WIDGET_CRD));

    private static JsonNode widget(String spec) {
        return Manifests.parse("""
                apiVersion: example.io/v1
                kind: Widget
                metadata: {name: widget}
                spec:
                """ + spec.indent(2));
    }

    @Test
    void aValidWidgetIsAccepted() {
        assertThat(API.crdChecks().all()).isEmpty();
        assertThat(API.validate(widget("""
                size: 3
                labels: {team: bi}
                parts: [{name: a}]
                quantity: 1Gi
                free: {anything: [1, 2]}"""))).isEmpty();
        assertThat(API.validate(widget("{size: 3, quantity: 5}"))).isEmpty();
    }

    @Test
    void defaultsAreAppliedRecursivelyAndReplaceNulls() {
        JsonNode defaulted = API.withDefaults(widget("{size: 3, limit: null}"));

        assertThat(defaulted.at("/spec/limit").asInt()).isEqualTo(10);
        assertThat(defaulted.at("/spec/mode").asText()).isEqualTo("Fast");
        assertThat(defaulted.at("/spec/nested/a").asText()).as("a default inside an object default").isEqualTo("x");
        assertThat(defaulted.at("/spec").has("tag")).isFalse();
    }

    @Test
    void unknownFieldsFailTheRequest() {
        assertThat(API.validate(widget("{size: 3, sise: 4, free: {whatever: 1}, labels: {team: a, any: b}}")))
                .containsExactly("strict decoding error: unknown field \"spec.sise\"");
        assertThat(API.validate(widget("{size: 3, parts: [{name: a, nmae: b}]}")))
                .containsExactly("strict decoding error: unknown field \"spec.parts[0].nmae\"");
    }

    @Test
    void openApiConstraintsAreChecked() {
        assertThat(API.validate(widget("{limit: 5}"))).contains("spec.size: Required value");
        assertThat(API.validate(widget("{size: 0}")))
                .contains("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1");
        assertThat(API.validate(widget("{size: 1, mode: Medium}")))
                .contains("spec.mode: Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\"");
        assertThat(API.validate(widget("{size: 1, labels: {team: toolong}}")))
                .contains("spec.labels[team]: Too long: may not be longer than 3");
        assertThat(API.validate(widget("{size: 1, parts: [{}, {}, {}]}")))
                .contains("spec.parts: Too many: 3: must have at most 2 items");
        assertThat(API.validate(widget("{size: 1, quantity: true}"))).first().asString()
                .contains("must be of type integer,string");
    }

    @Test
    void aPropertyNamedAfterACelKeywordIsReachedEscapedAsTheApiServerDoes() {
        assertThat(API.validate(widget("{size: 1, parts: [{name: a, namespace: team-a}]}"))).isEmpty();
        assertThat(API.validate(widget("{size: 1, parts: [{name: a, namespace: kube-system}]}")))
                .anySatisfy(error -> assertThat(error).contains("not in kube-system"));
    }

    @Test
    void aWrongTypeStopsTheRulesFromRunning() {
        List<String> errors = API.validate(widget("{size: big, limit: 0}"));

        assertThat(errors).anySatisfy(error -> assertThat(error).contains("must be of type integer: \"string\""))
                .anySatisfy(error -> assertThat(error).contains("some validation rules were not checked"))
                .noneSatisfy(error -> assertThat(error).contains("size above limit"));
    }

    @Test
    void rulesRunOnEveryValuePresent() {
        assertThat(API.validate(widget("{size: 11}")))
                .containsExactly("spec: Invalid value: \"object\": size above limit");
        assertThat(API.validate(widget("{size: 1, parts: [{name: a}, {name: bad}]}")))
                .containsExactly("spec.parts[1]: Invalid value: \"object\": bad part");
        assertThat(API.validate(Manifests.parse("""
                {apiVersion: example.io/v1, kind: Widget, metadata: {name: gadget}, spec: {size: 1}}""")))
                .containsExactly("<nil>: Invalid value: \"object\": name must start with w");
    }

    @Test
    void aRuleThatFailsToRunRejectsTheObject() {
        assertThat(API.validate(widget("{size: 1, labels: {owner: me}}"))).singleElement().asString()
                .contains("spec.labels", "labels need a team", "self['team'] != ''");
    }

    @Test
    void transitionRulesRunOnlyOnUpdateAndWhereTheOldValueExists() {
        assertThat(API.validate(widget("{size: 1, mode: Slow, tag: a}"))).isEmpty();
        assertThat(API.validateUpdate(widget("{size: 1}"), widget("{size: 1, mode: Slow}")))
                .as("the old mode was defaulted to Fast").contains("spec.mode: Invalid value: \"string\": mode is immutable");
        assertThat(API.validateUpdate(widget("{size: 1}"), widget("{size: 1, tag: a}"))).as("no old tag").isEmpty();
        assertThat(API.validateUpdate(widget("{size: 1, tag: a}"), widget("{size: 1, tag: b}")))
                .contains("spec.tag: Invalid value: \"string\": tag is immutable");
        assertThat(API.validateUpdate(widget("{size: 1, tag: a}"), widget("{size: 2, tag: a}"))).isEmpty();
    }

    @Test
    void statusAndRoutingAreHandledLikeTheApiServer() {
        JsonNode withStatus = Manifests.parse("""
                {apiVersion: example.io/v1, kind: Widget, metadata: {name: w}, spec: {size: 1}, status: {ready: maybe}}""");
        assertThat(API.validate(withStatus)).as("status is dropped on create").isEmpty();
        assertThat(API.validate(Manifests.parse("{apiVersion: example.io/v2, kind: Widget, metadata: {name: w}}")))
                .singleElement().asString().startsWith("no matches for kind \"Widget\" in version \"example.io/v2\"");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> Manifests.parse("spec: {size: 1}\nspec: {size: 2}"))
                .hasStackTraceContaining("Duplicate field 'spec'");
    }

    @Test
    void crdChecksFindWhatTheApiServerWouldRefuse() {
        String limit = WIDGET_CRD.lines().filter(line -> line.trim().startsWith("limit:")).findFirst().orElseThrow();
        String indent = "\n" + limit.substring(0, limit.indexOf("limit:"));
        String broken = WIDGET_CRD
                .replace("rule: \"self.size <= self.limit\"", "rule: \"self.size <=\"")
                .replace("{rule: \"self.name != 'bad'\", message: \"bad part\"}",
                        "{rule: \"self.name != oldSelf.name\", messageExpression: \"'bad'\"}")
                .replace(limit, limit
                        + indent + "lower: {type: integer, minimum: 1, default: 0}"
                        + indent + "untyped: {description: no type}"
                        + indent + "when: {type: string, format: date-time}"
                        + indent + "named: {type: string, x-kubernetes-validations: [{rule: \"self.metadata.name == 'x'\", message: m}]}")
                .replace("self.metadata.name.startsWith('w')", "self.metadata.labels.size() > 0");
        CrdChecks checks = ApiServerSchema.of(Manifests.parse(broken)).crdChecks();

        assertThat(checks.ruleCompileProblems()).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).startsWith("openAPIV3Schema: ").contains("undefined field 'labels'"),
                problem -> assertThat(problem).startsWith("spec: ").contains("self.size <=", "does not compile"),
                problem -> assertThat(problem).startsWith("spec.named: ").contains("type 'string'"));
        assertThat(checks.validationRuleKeyProblems()).singleElement().asString()
                .startsWith("spec.parts[]: ").contains("messageExpression");
        assertThat(checks.transitionRuleProblems()).singleElement().asString().startsWith("spec.parts[]: ");
        assertThat(checks.defaultProblems()).singleElement().asString()
                .contains("spec.lower.default", "greater than or equal to 1");
        assertThat(checks.structuralProblems()).singleElement().asString().startsWith("spec.untyped: type is missing");
        assertThat(checks.unemulatedKeywords()).singleElement().asString().startsWith("spec.when: 'format'");
    }
}
