package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the PanStack's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyReference {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Defaults.OBJECT_NAME_PATTERN)
    @JsonPropertyDescription("Name of a Secret in the PanStack's namespace (a Kubernetes object name: lower case"
            + " letters, digits, '-' and '.').")
    private String name;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Key within the Secret.")
    private String key;

    public SecretKeyReference() {
    }

    public SecretKeyReference(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
}
