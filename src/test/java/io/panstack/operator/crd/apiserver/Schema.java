package io.panstack.operator.crd.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** One node of a CRD's openAPIV3Schema, with the questions the emulation asks of it. */
final class Schema {
    private final JsonNode node;

    Schema(JsonNode node) {
        this.node = node;
    }

    JsonNode node() {
        return node;
    }

    /** The declared type ("object", "string", ...), or "" when there is none (int-or-string, preserve-unknown). */
    String type() {
        return node.path("type").asText("");
    }

    boolean isIntOrString() {
        return node.path("x-kubernetes-int-or-string").asBoolean(false);
    }

    boolean preservesUnknownFields() {
        return node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    }

    boolean nullable() {
        return node.path("nullable").asBoolean(false);
    }

    Map<String, Schema> properties() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        node.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), new Schema(e.getValue())));
        return properties;
    }

    Optional<Schema> property(String name) {
        JsonNode property = node.path("properties").get(name);
        return Optional.ofNullable(property).map(Schema::new);
    }

    /** additionalProperties: true or a schema; either way any key is allowed (the object is a map). */
    boolean isMap() {
        JsonNode additional = node.get("additionalProperties");
        return additional != null && (additional.isObject() || additional.asBoolean(false));
    }

    /** The schema of a map's values, when additionalProperties is a schema. */
    Optional<Schema> mapValues() {
        JsonNode additional = node.get("additionalProperties");
        return additional != null && additional.isObject() ? Optional.of(new Schema(additional)) : Optional.empty();
    }

    /** The schema of the value under {@code name} in an object: a declared property, else a map value. */
    Optional<Schema> field(String name) {
        return property(name).or(this::mapValues);
    }

    Optional<Schema> items() {
        JsonNode items = node.get("items");
        return items != null && items.isObject() ? Optional.of(new Schema(items)) : Optional.empty();
    }

    Optional<JsonNode> defaultValue() {
        return Optional.ofNullable(node.get("default"));
    }

    List<String> required() {
        List<String> required = new ArrayList<>();
        node.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    /** The x-kubernetes-validations entries, as written. */
    List<JsonNode> validations() {
        List<JsonNode> validations = new ArrayList<>();
        node.path("x-kubernetes-validations").forEach(validations::add);
        return validations;
    }
}
