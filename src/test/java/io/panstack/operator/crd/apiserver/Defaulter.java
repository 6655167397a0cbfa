package io.panstack.operator.crd.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Step a: structural defaulting, as the API server applies it to the request on create and update and to the
 * stored object when it is read (so also to the old object of an update).
 *
 * <p>Like apiextensions-apiserver's {@code structuraldefaulting.Default}: a property that is absent, or null while not
 * nullable, gets a copy of its default; the walk then descends into every value, including a default just set, so an
 * object default gets its own properties' defaults too. Remaining nulls of non-nullable properties without a default
 * are pruned ({@code PruneNonNullableNullsWithoutDefaults}), so {@code replicas: null} means "not set".
 */
final class Defaulter {
    private Defaulter() {
    }

    /** Defaults {@code value} in place; it must be an object or array for anything to happen. */
    static void apply(JsonNode value, Schema schema) {
        if (value instanceof ObjectNode object) {
            setMissingDefaults(object, schema);
            pruneNulls(object, schema);
            object.fields().forEachRemaining(e -> schema.field(e.getKey()).ifPresent(s -> apply(e.getValue(), s)));
        } else if (value instanceof ArrayNode array) {
            schema.items().ifPresent(items -> array.forEach(item -> apply(item, items)));
        }
    }

    private static void setMissingDefaults(ObjectNode object, Schema schema) {
        schema.properties().forEach((name, property) -> property.defaultValue().ifPresent(defaultValue -> {
            JsonNode current = object.get(name);
            if (current == null || current.isNull() && !property.nullable()) {
                object.set(name, defaultValue.deepCopy());
            }
        }));
    }

    private static void pruneNulls(ObjectNode object, Schema schema) {
        List<String> prune = new ArrayList<>();
        object.fields().forEachRemaining(e -> {
            Optional<Schema> field = schema.field(e.getKey());
            if (e.getValue().isNull() && field.isPresent() && !field.get().nullable()
                    && field.get().defaultValue().isEmpty()) {
                prune.add(e.getKey());
            }
        });
        object.remove(prune);
    }
}
