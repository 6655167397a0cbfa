package io.panstack.operator.crd.apiserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the API server checks when the CRD itself is created or updated, so a broken CRD fails here rather than at
 * {@code kubectl apply -f crds/} on a cluster. Each method returns the problems found, empty when all is well.
 * Schema paths read {@code spec.dashboard.env[]} for array items and {@code spec.ingress.annotations{}} for map values.
 */
public final class CrdChecks {
    /** Kubernetes 1.26 knows only these keys in an x-kubernetes-validations entry. */
    private static final Set<String> RULE_KEYS_1_26 = Set.of("rule", "message");

    /** One schema node and where it sits. */
    private record Node(String path, Schema schema, boolean underArrayItems) {
        boolean isRoot() {
            return path.isEmpty();
        }

        String label() {
            return path.isEmpty() ? "openAPIV3Schema" : path;
        }
    }

    private final List<Node> nodes = new ArrayList<>();

    CrdChecks(Schema root) {
        collect(root, "", false);
    }

    private void collect(Schema schema, String path, boolean underArrayItems) {
        nodes.add(new Node(path, schema, underArrayItems));
        schema.properties().forEach((name, property) ->
                collect(property, path.isEmpty() ? name : path + "." + name, underArrayItems));
        schema.items().ifPresent(items -> collect(items, path + "[]", true));
        schema.mapValues().ifPresent(values -> collect(values, path + "{}", underArrayItems));
    }

    /** All problems, for a single assertion. */
    public List<String> all() {
        List<String> all = new ArrayList<>();
        all.addAll(structuralProblems());
        all.addAll(validationRuleKeyProblems());
        all.addAll(ruleCompileProblems());
        all.addAll(transitionRuleProblems());
        all.addAll(defaultProblems());
        all.addAll(unemulatedKeywords());
        return all;
    }

    /** A structural schema gives every node a type, except int-or-string and preserve-unknown-fields nodes. */
    public List<String> structuralProblems() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            Schema schema = node.schema();
            if (node.isRoot() && !schema.type().equals("object")) {
                problems.add("openAPIV3Schema: type must be object");
            }
            if (schema.type().isEmpty() && !schema.isIntOrString() && !schema.preservesUnknownFields()) {
                problems.add(node.label() + ": type is missing (a structural schema needs one)");
            }
            if (schema.type().equals("array") && schema.items().isEmpty()) {
                problems.add(node.label() + ": items is missing for an array");
            }
            if (schema.node().has("properties") && schema.node().has("additionalProperties")) {
                problems.add(node.label() + ": properties and additionalProperties are mutually exclusive");
            }
        }
        return problems;
    }

    /** Kubernetes 1.26 has no messageExpression, reason, fieldPath or optionalOldSelf; a rule needs its rule. */
    public List<String> validationRuleKeyProblems() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            for (JsonNode validation : node.schema().validations()) {
                validation.fieldNames().forEachRemaining(key -> {
                    if (!RULE_KEYS_1_26.contains(key)) {
                        problems.add(node.label() + ": x-kubernetes-validations uses '" + key
                                + "', unknown to Kubernetes 1.26 (only rule and message): " + validation);
                    }
                });
                if (validation.path("rule").asText("").isBlank()) {
                    problems.add(node.label() + ": x-kubernetes-validations entry without a rule: " + validation);
                }
            }
        }
        return problems;
    }

    /** Every rule compiles, and names only fields its schema declares (the API server type-checks rules). */
    public List<String> ruleCompileProblems() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            for (JsonNode validation : node.schema().validations()) {
                String rule = validation.path("rule").asText();
                CelRules.Compiled compiled = CelRules.compile(rule);
                if (compiled.error() != null) {
                    problems.add(node.label() + ": rule \"" + rule + "\" does not compile: " + compiled.error());
                } else {
                    RuleFieldReferences.problems(compiled.ast(), node.schema(), node.isRoot()).forEach(problem ->
                            problems.add(node.label() + ": rule \"" + rule + "\" does not compile: " + problem));
                }
            }
        }
        return problems;
    }

    /** Every string a rule reads is bounded, so the API server's cost estimate stays within its limits. */
    public List<String> ruleCostProblems() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            for (JsonNode validation : node.schema().validations()) {
                String rule = validation.path("rule").asText();
                CelRules.Compiled compiled = CelRules.compile(rule);
                if (compiled.error() == null) {
                    RuleFieldReferences.unboundedStrings(compiled.ast(), node.schema(), node.isRoot()).forEach(field ->
                            problems.add(node.label() + ": rule \"" + rule + "\" reads " + field
                                    + ", a string with no maxLength: give it one (@Size) or the rule may cost too much"));
                }
            }
        }
        return problems;
    }

    /** oldSelf needs a value at the same path in the old object; array items have none (unless listType map). */
    public List<String> transitionRuleProblems() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            for (JsonNode validation : node.schema().validations()) {
                CelRules.Compiled compiled = CelRules.compile(validation.path("rule").asText());
                if (compiled.isTransition() && node.underArrayItems()) {
                    problems.add(node.label() + ": transition rule \"" + compiled.rule()
                            + "\" under array items: oldSelf cannot be correlated there");
                }
            }
        }
        return problems;
    }

    /**
     * Every default, itself defaulted, validates against its own schema: no unknown fields, the OpenAPI constraints
     * and the rules that do not need oldSelf. Otherwise the API server would store objects it would refuse.
     */
    public List<String> defaultProblems() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            node.schema().defaultValue().ifPresent(defaultValue -> {
                JsonNode value = defaultValue.deepCopy();
                Defaulter.apply(value, node.schema());
                FieldPath path = new FieldPath(node.label() + ".default");
                UnknownFields.find(value, node.schema(), path).forEach(unknown ->
                        problems.add(path + ": must not have unknown fields: " + unknown));
                OpenApiValidator.validate(value, node.schema(), path).forEach(error -> problems.add(error.toString()));
                problems.addAll(CelRules.evaluate(value, null, node.schema(), path));
            });
        }
        return problems;
    }

    /**
     * Schema keywords the emulation ignores. Empty means every constraint in the CRD is emulated; a new keyword
     * (format, x-kubernetes-list-type, ...) shows up here instead of being silently skipped.
     */
    public List<String> unemulatedKeywords() {
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            Schema schema = node.schema();
            for (Iterator<String> keys = schema.node().fieldNames(); keys.hasNext();) {
                String key = keys.next();
                boolean intOrStringAnyOf = key.equals("anyOf") && schema.isIntOrString() && isIntegerOrString(schema);
                if (!OpenApiValidator.EMULATED_KEYWORDS.contains(key) && !intOrStringAnyOf) {
                    problems.add(node.label() + ": '" + key + "' is not emulated by the test harness");
                }
            }
        }
        return problems;
    }

    private static boolean isIntegerOrString(Schema schema) {
        JsonNode anyOf = schema.node().get("anyOf");
        return anyOf.isArray() && anyOf.size() == 2 && anyOf.get(0).path("type").asText().equals("integer")
                && anyOf.get(1).path("type").asText().equals("string");
    }
}
