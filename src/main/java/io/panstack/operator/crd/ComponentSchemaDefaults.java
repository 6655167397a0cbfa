package io.panstack.operator.crd;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.panstack.operator.api.v1alpha1.ComponentDefaults;

/**
 * Writes each optional component's defaults and descriptions (see {@link ComponentDefaults}) into the schema: the
 * renderer, scheduler, analytics and excel reader share one settings class, while annotations could only give them
 * one default each. Runs at build time only.
 */
final class ComponentSchemaDefaults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComponentSchemaDefaults() {
    }

    static void apply(JSONSchemaProps spec) {
        for (ComponentDefaults component : ComponentDefaults.values()) {
            JSONSchemaProps settings = spec.getProperties().get(component.field());
            if (settings == null) {
                throw new IllegalStateException("spec." + component.field() + " is not in the generated schema");
            }
            JsonNode enabled = BooleanNode.valueOf(component.enabled());
            JsonNode resources = sorted(component.resources());
            describe(settings, "enabled", enabled, component.enabledDescription());
            describe(settings, "resources", resources, component.resourcesDescription());
            // The object's own default ({} when the field is left out) carries its properties' defaults too.
            ObjectNode whole = settings.getDefault() instanceof ObjectNode given ? given.deepCopy() : JSON.createObjectNode();
            whole.set("enabled", enabled);
            whole.set("resources", resources);
            settings.setDefault(whole);
        }
    }

    private static void describe(JSONSchemaProps settings, String property, JsonNode value, String description) {
        JSONSchemaProps schema = settings.getProperties().get(property);
        schema.setDefault(value);
        schema.setDescription(description);
    }

    /** Keys in order, as the generator writes the defaults it makes itself. */
    private static JsonNode sorted(String json) {
        try {
            return JSON.valueToTree(JSON.readValue(json, java.util.TreeMap.class));
        } catch (IOException e) {
            throw new IllegalStateException("Bad default: " + json, e);
        }
    }
}
