package io.panstack.operator.crd.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * Step d: the x-kubernetes-validations rules, compiled and run with CEL-Java.
 *
 * <p>Each rule runs where its schema sits, on every value present there: {@code self} is that value (each item of an
 * array, each value of a map). A rule that mentions {@code oldSelf} is a transition rule: it runs only on update, and
 * only where the old object has a value at the same path. Array items have no such path (the API server correlates
 * items only for x-kubernetes-list-type: map, which this emulation does not support), so their transition rules never
 * run. A rule that is false yields its message; one that fails at runtime (no such key, no such overload) rejects
 * the object too, as it does in the API server.
 *
 * <p>The API server types {@code self} from the schema; here self and oldSelf are {@code dyn}, so a rule naming a
 * field the schema lacks compiles here and is caught by {@link RuleFieldReferences} instead.
 */
final class CelRules {
    /** The standard CEL environment Kubernetes builds on: standard functions and macros (has, all, exists, ...). */
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();

    private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

    /** A compiled rule; {@code error} is set instead of the program when it does not compile. */
    record Compiled(String rule, CelAbstractSyntaxTree ast, CelRuntime.Program program, boolean isTransition,
            String error) {
    }

    private CelRules() {
    }

    static Compiled compile(String rule) {
        return COMPILED.computeIfAbsent(rule, CelRules::doCompile);
    }

    private static Compiled doCompile(String rule) {
        CelValidationResult result = CEL.compile(rule);
        if (result.hasError()) {
            return new Compiled(rule, null, null, false, result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(rule, ast, CEL.createProgram(ast), mentionsOldSelf(ast), null);
        } catch (Exception e) {
            return new Compiled(rule, null, null, false, e.getMessage());
        }
    }

    /** The API server makes a rule a transition rule when its expression refers to the variable oldSelf. */
    private static boolean mentionsOldSelf(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .anyMatch(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT
                        && node.expr().ident().name().equals("oldSelf"));
    }

    /**
     * Runs every rule under {@code schema} on {@code value}; {@code old} is the old object at the same path on update,
     * null on create.
     */
    static List<String> evaluate(JsonNode value, JsonNode old, Schema schema, FieldPath path) {
        List<String> errors = new ArrayList<>();
        walk(value, old, schema, path, errors);
        return errors;
    }

    private static void walk(JsonNode value, JsonNode old, Schema schema, FieldPath path, List<String> errors) {
        if (value == null || value.isNull()) {
            return;
        }
        for (JsonNode validation : schema.validations()) {
            check(validation, value, old, schema, path).ifPresent(errors::add);
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> {
                String name = e.getKey();
                FieldPath child = schema.property(name).isPresent() ? path.child(name) : path.key(name);
                JsonNode oldChild = old == null ? null : old.get(name);
                schema.field(name).ifPresent(s -> walk(e.getValue(), oldChild, s, child, errors));
            });
        } else if (value.isArray()) {
            schema.items().ifPresent(items -> {
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), null, items, path.index(i), errors);
                }
            });
        }
    }

    private static Optional<String> check(JsonNode validation, JsonNode value, JsonNode old, Schema schema,
            FieldPath path) {
        String rule = validation.path("rule").asText();
        String message = validation.hasNonNull("message") ? validation.get("message").asText().trim()
                : "failed rule: " + rule.trim();
        String invalid = path + ": Invalid value: \"" + schema.type() + "\": ";
        Compiled compiled = compile(rule);
        if (compiled.error() != null) {
            return Optional.of(invalid + "rule does not compile: " + rule + ": " + compiled.error());
        }
        if (compiled.isTransition() && (old == null || old.isNull())) {
            return Optional.empty();
        }
        Map<String, Object> activation = new LinkedHashMap<>();
        activation.put("self", toCel(value, schema));
        if (old != null) {
            activation.put("oldSelf", toCel(old, schema));
        }
        try {
            Object result = compiled.program().eval(activation);
            if (Boolean.TRUE.equals(result)) {
                return Optional.empty();
            }
            return Optional.of(invalid + (result instanceof Boolean ? message
                    : "rule did not evaluate to a bool (" + result + "): " + message + " (rule: " + rule + ")"));
        } catch (CelEvaluationException e) {
            return Optional.of(invalid + e.getMessage() + " evaluating rule: " + message + " (rule: " + rule + ")");
        }
    }

    /**
     * JSON to the Java types CEL-Java takes: Long for integers, Double for numbers (also whole ones where the schema
     * says number, as the API server converts them), String, Boolean, List, Map, and CEL's null.
     */
    static Object toCel(JsonNode value, Schema schema) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> map.put(celName(e.getKey(), schema),
                    toCel(e.getValue(), schema == null ? null : schema.field(e.getKey()).orElse(null))));
            return map;
        } else if (value.isArray()) {
            Schema items = schema == null ? null : schema.items().orElse(null);
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(toCel(item, items)));
            return list;
        } else if (value.isTextual()) {
            return value.asText();
        } else if (value.isBoolean()) {
            return value.asBoolean();
        } else if (value.isIntegralNumber() && !(schema != null && schema.type().equals("number"))) {
            return value.asLong();
        } else if (value.isNumber()) {
            return value.asDouble();
        }
        return NullValue.NULL_VALUE;
    }

    /** A declared property as the API server names it in CEL (escaped); a map key as it is. */
    private static String celName(String key, Schema schema) {
        return schema != null && schema.property(key).isPresent() ? CelPropertyNames.escape(key) : key;
    }
}
