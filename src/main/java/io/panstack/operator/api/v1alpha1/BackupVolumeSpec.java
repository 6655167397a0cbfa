package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The volume logical backups go to when the stack has no bucket. */
public class BackupVolumeSpec extends VolumeSpec {
    public static final String STORAGE = "10Gi";
    @Default(STORAGE)
    @Size(min = 1, max = 32)
    @Pattern(Defaults.STORAGE_SIZE_PATTERN)
    @ValidationRule(value = Defaults.NONZERO_SIZE_RULE, message = "size must be greater than zero")
    @JsonPropertyDescription("Size of the backup volume <name>-backups, e.g. 10Gi. Grows, never shrinks.")
    private String size = STORAGE;

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }

    @Override
    public String size() { return size; }
}
