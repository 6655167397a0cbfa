package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class DatabaseVolumeSpec extends VolumeSpec {
    @Default(Defaults.DATABASE_STORAGE)
    @Size(min = 1, max = 32)
    @Pattern(Defaults.STORAGE_SIZE_PATTERN)
    @ValidationRule(value = Defaults.NONZERO_SIZE_RULE, message = "size must be greater than zero")
    @JsonPropertyDescription("Size of the database volume, e.g. 20Gi.")
    private String size = Defaults.DATABASE_STORAGE;

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }

    @Override
    public String size() { return size; }
}
