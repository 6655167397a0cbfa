package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The stack's S3 bucket: private, encrypted, versioned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.name) == has(oldSelf.name) && (!has(self.name) || self.name == oldSelf.name)",
    message = "bucket.name cannot change")
public class BucketSpec {
    @Size(min = 3, max = 63)
    @Pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
    @JsonPropertyDescription("Bucket name: used (and adopted) when it exists in this account, created otherwise. Unset: panstack-<namespace>-<name>-<hash of the PanStack's UID>. Cannot change.")
    private String name;

    @JsonPropertyDescription("Keep every version of every object. Turning it off suspends versioning (S3 never fully switches it off). Unset: on for a bucket the operator creates; an existing bucket named here keeps its own, and status.bucket.drift says when it is off.")
    private Boolean versioning;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Boolean getVersioning() { return versioning; }
    public void setVersioning(Boolean versioning) { this.versioning = versioning; }

    public boolean versioned() { return versioning == null || versioning; }
    /** An existing bucket named here is adopted: only what the spec writes is enforced on it. */
    public boolean adopts() { return name != null; }
}
