package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LicenceSpec {
    @Required
    @JsonPropertyDescription("Secret key holding the licence: an Automated Licence Manager key, or the licence XML on one line.")
    private SecretKeyReference secretKeyRef;

    public SecretKeyReference getSecretKeyRef() { return secretKeyRef; }
    public void setSecretKeyRef(SecretKeyReference secretKeyRef) { this.secretKeyRef = secretKeyRef; }
}
