package io.panstack.operator.api.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where and how the stack's AWS resources (RDS, EFS, S3) are made. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.region) || (has(self.region) && self.region == oldSelf.region)",
    message = "aws.region cannot change: the stack's AWS resources stay in the region they were made in")
public class AwsSpec {
    @Size(max = 32)
    @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
    @JsonPropertyDescription("AWS region of the stack's RDS instance, EFS file system and bucket, e.g. eu-west-1. Default: the operator's own region (AWS_REGION). Cannot change.")
    private String region;

    @Size(max = 40)
    @ValidationRule(value = "self.all(k, size(k) <= 128 && !k.startsWith('aws:') && !k.startsWith('panstack.io/'))",
        message = "aws.tags keys must be at most 128 characters and not start with aws: or panstack.io/ (those are reserved)")
    @ValidationRule(value = "self.all(k, size(self[k]) <= 256)", message = "aws.tags values must be at most 256 characters")
    @JsonPropertyDescription("Tags added to every AWS resource of the stack, next to the operator's own panstack.io/* tags.")
    private Map<String, String> tags;

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public Map<String, String> getTags() { return tags; }
    public void setTags(Map<String, String> tags) { this.tags = tags; }
}
