package io.panstack.operator.crd.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Step b: strict field validation. kubectl sends {@code fieldValidation=Strict} by default (--validate=strict), and the
 * API server then rejects, instead of silently pruning, any field the structural schema does not declare: a typo like
 * {@code dashbord:} would otherwise be dropped and the stack would run with defaults.
 *
 * <p>A field is unknown in an object schema that has neither additionalProperties nor
 * x-kubernetes-preserve-unknown-fields and does not list it under properties. At the root, apiVersion, kind and
 * metadata are always known; metadata's content is ObjectMeta's business, not the schema's, and is not checked here.
 */
final class UnknownFields {
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private UnknownFields() {
    }

    /** Unknown fields under {@code value}, as the API server words them: {@code unknown field "spec.dashbord"}. */
    static List<String> find(JsonNode value, Schema schema, FieldPath path) {
        List<String> unknown = new ArrayList<>();
        collect(value, schema, path, unknown);
        return unknown;
    }

    private static void collect(JsonNode value, Schema schema, FieldPath path, List<String> unknown) {
        if (schema.preservesUnknownFields()) {
            return;
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> {
                String name = e.getKey();
                if (path.isRoot() && ROOT_FIELDS.contains(name)) {
                    return;
                }
                if (schema.property(name).isPresent()) {
                    collect(e.getValue(), schema.property(name).get(), path.child(name), unknown);
                } else if (schema.isMap()) {
                    schema.mapValues().ifPresent(values -> collect(e.getValue(), values, path.key(name), unknown));
                } else {
                    unknown.add("unknown field \"" + path.child(name).text() + "\"");
                }
            });
        } else if (value.isArray()) {
            schema.items().ifPresent(items -> {
                for (int i = 0; i < value.size(); i++) {
                    collect(value.get(i), items, path.index(i), unknown);
                }
            });
        }
    }
}
