package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the PanStack's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Defaults.OBJECT_NAME_PATTERN)
    @JsonPropertyDescription("Name of a Secret in the PanStack's namespace (a Kubernetes object name: lower case"
            + " letters, digits, '-' and '.').")
    private String name;

    public SecretReference() {
    }

    public SecretReference(String name) {
        this.name = name;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
