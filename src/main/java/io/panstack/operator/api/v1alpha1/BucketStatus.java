package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketStatus {
    @JsonPropertyDescription("Name of the stack's bucket.")
    private String name;
    @JsonPropertyDescription("Its region.")
    private String region;

    public BucketStatus() {
    }

    public BucketStatus(String name, String region) {
        this.name = name;
        this.region = region;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketStatus that && Objects.equals(name, that.name) && Objects.equals(region, that.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, region);
    }
}
