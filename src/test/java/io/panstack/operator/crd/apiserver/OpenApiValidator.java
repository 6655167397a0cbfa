package io.panstack.operator.crd.apiserver;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;

/**
 * Step c: the OpenAPI v3 value validations of a structural schema, with the API server's (Kubernetes 1.26) wording.
 * Hand-written rather than converted to JSON Schema: the subset CRDs use is small, and this way the messages and
 * field paths read like kubectl's and type errors can be told apart (they stop the CEL rules from running).
 *
 * <p>Patterns use RE2 (re2j) with "find" semantics, as Go's regexp does. {@link #EMULATED_KEYWORDS} lists what is
 * understood; CrdChecks reports any other keyword so the emulation cannot silently ignore a new constraint.
 */
final class OpenApiValidator {
    /** Schema keywords this class (or the other steps) act on; the rest of a schema is not emulated. */
    static final Set<String> EMULATED_KEYWORDS = Set.of("type", "description", "properties", "required", "items",
            "additionalProperties", "enum", "default", "nullable", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
            "minProperties", "maxProperties", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-validations");

    private OpenApiValidator() {
    }

    static List<FieldError> validate(JsonNode value, Schema schema, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        check(value, schema, path, errors);
        return errors;
    }

    private static void check(JsonNode value, Schema schema, FieldPath path, List<FieldError> errors) {
        if (value.isNull() && schema.nullable()) {
            return;
        }
        if (schema.isIntOrString()) {
            // anyOf [integer, string]: the only anyOf a structural schema may carry without a type.
            if (!isInteger(value) && !value.isTextual()) {
                errors.add(wrongType(path, value, "integer,string"));
            }
            return;
        }
        if (!schema.type().isEmpty() && !hasType(value, schema.type())) {
            errors.add(wrongType(path, value, schema.type()));
            return;
        }
        checkEnum(value, schema, path, errors);
        if (value.isTextual()) {
            checkString(value.asText(), schema, path, errors);
        } else if (value.isNumber()) {
            checkNumber(value, schema, path, errors);
        } else if (value.isArray()) {
            checkArray(value, schema, path, errors);
        } else if (value.isObject()) {
            checkObject(value, schema, path, errors);
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> isInteger(value);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
    }

    /** Like kube-openapi, a float without a fraction (2.0) counts as an integer. */
    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    private static FieldError wrongType(FieldPath path, JsonNode value, String expected) {
        String actual = jsonType(value);
        return new FieldError(path, "Invalid value: \"" + actual + "\": " + path + " in body must be of type "
                + expected + ": \"" + actual + "\"", true);
    }

    private static void checkEnum(JsonNode value, Schema schema, FieldPath path, List<FieldError> errors) {
        JsonNode allowed = schema.node().get("enum");
        if (allowed == null || StreamSupport.stream(allowed.spliterator(), false).anyMatch(value::equals)) {
            return;
        }
        String supported = StreamSupport.stream(allowed.spliterator(), false).map(JsonNode::toString)
                .collect(Collectors.joining(", "));
        errors.add(FieldError.of(path, "Unsupported value: " + value + ": supported values: " + supported));
    }

    private static void checkString(String value, Schema schema, FieldPath path, List<FieldError> errors) {
        JsonNode node = schema.node();
        int length = value.codePointCount(0, value.length());
        if (node.has("maxLength") && length > node.get("maxLength").asInt()) {
            errors.add(FieldError.of(path, "Too long: may not be longer than " + node.get("maxLength").asInt()));
        }
        if (node.has("minLength") && length < node.get("minLength").asInt()) {
            errors.add(invalid(path, quote(value), "should be at least " + node.get("minLength").asInt() + " chars long"));
        }
        if (node.has("pattern") && !Pattern.compile(node.get("pattern").asText()).matcher(value).find()) {
            errors.add(invalid(path, quote(value), "should match '" + node.get("pattern").asText() + "'"));
        }
    }

    private static void checkNumber(JsonNode value, Schema schema, FieldPath path, List<FieldError> errors) {
        JsonNode node = schema.node();
        BigDecimal number = value.decimalValue();
        if (node.has("minimum")) {
            BigDecimal minimum = node.get("minimum").decimalValue();
            boolean exclusive = node.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? number.compareTo(minimum) <= 0 : number.compareTo(minimum) < 0) {
                errors.add(invalid(path, plain(number), "should be greater than " + (exclusive ? "" : "or equal to ")
                        + plain(minimum)));
            }
        }
        if (node.has("maximum")) {
            BigDecimal maximum = node.get("maximum").decimalValue();
            boolean exclusive = node.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? number.compareTo(maximum) >= 0 : number.compareTo(maximum) > 0) {
                errors.add(invalid(path, plain(number), "should be less than " + (exclusive ? "" : "or equal to ")
                        + plain(maximum)));
            }
        }
    }

    private static void checkArray(JsonNode value, Schema schema, FieldPath path, List<FieldError> errors) {
        JsonNode node = schema.node();
        if (node.has("minItems") && value.size() < node.get("minItems").asInt()) {
            errors.add(invalid(path, String.valueOf(value.size()), "should have at least " + node.get("minItems").asInt() + " items"));
        }
        if (node.has("maxItems") && value.size() > node.get("maxItems").asInt()) {
            errors.add(FieldError.of(path, "Too many: " + value.size() + ": must have at most " + node.get("maxItems").asInt() + " items"));
        }
        schema.items().ifPresent(items -> {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), items, path.index(i), errors);
            }
        });
    }

    private static void checkObject(JsonNode value, Schema schema, FieldPath path, List<FieldError> errors) {
        for (String name : schema.required()) {
            if (!value.has(name)) {
                errors.add(FieldError.of(path.child(name), "Required value"));
            }
        }
        JsonNode node = schema.node();
        if (node.has("minProperties") && value.size() < node.get("minProperties").asInt()) {
            errors.add(invalid(path, String.valueOf(value.size()), "should have at least " + node.get("minProperties").asInt() + " properties"));
        }
        if (node.has("maxProperties") && value.size() > node.get("maxProperties").asInt()) {
            errors.add(invalid(path, String.valueOf(value.size()), "should have at most " + node.get("maxProperties").asInt() + " properties"));
        }
        Map<String, Schema> properties = schema.properties();
        value.fields().forEachRemaining(e -> {
            if (properties.containsKey(e.getKey())) {
                check(e.getValue(), properties.get(e.getKey()), path.child(e.getKey()), errors);
            } else {
                // Unknown fields are step b's business; map entries are validated against the value schema.
                schema.mapValues().ifPresent(values -> check(e.getValue(), values, path.key(e.getKey()), errors));
            }
        });
    }

    private static FieldError invalid(FieldPath path, String shownValue, String should) {
        return FieldError.of(path, "Invalid value: " + shownValue + ": " + path + " in body " + should);
    }

    private static String quote(String value) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value).toString();
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        } else if (value.isArray()) {
            return "array";
        } else if (value.isTextual()) {
            return "string";
        } else if (value.isIntegralNumber()) {
            return "integer";
        } else if (value.isNumber()) {
            return "number";
        } else if (value.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
