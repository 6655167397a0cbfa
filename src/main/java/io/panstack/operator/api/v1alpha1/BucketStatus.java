package io.panstack.operator.api.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketStatus implements DriftReport {
    @JsonPropertyDescription("Name of the stack's bucket.")
    private String name;
    @JsonPropertyDescription("Its region.")
    private String region;
    @JsonPropertyDescription(DriftReport.DESCRIPTION)
    private List<String> drift;

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
    public List<String> getDrift() { return drift; }
    @Override
    public void setDrift(List<String> drift) { this.drift = drift; }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketStatus that && Objects.equals(name, that.name) && Objects.equals(region, that.region)
                && Objects.equals(drift, that.drift);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, region, drift);
    }
}
