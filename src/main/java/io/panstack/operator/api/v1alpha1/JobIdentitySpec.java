package io.panstack.operator.api.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The identity of the stack's own pods that reach AWS: backup, restore and files seeding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobIdentitySpec {
    @ValidationRule(value = "self.all(k, size(k) <= 253)", message = "jobIdentity.annotations keys must be at most 253 characters")
    @JsonPropertyDescription("Annotations of the ServiceAccount <name>-jobs, e.g. eks.amazonaws.com/role-arn for IRSA. EKS Pod Identity needs none: associate the role with <name>-jobs.")
    private Map<String, String> annotations;

    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
}
