package io.panstack.operator.api.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressSpec {
    @Default("false")
    @JsonPropertyDescription("Create an Ingress for the dashboard at the host of spec.externalUrl.")
    private Boolean enabled = false;

    @Size(min = 1, max = 253)
    @JsonPropertyDescription("IngressClass to use; empty means the cluster's default class.")
    private String className;

    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Secret (type kubernetes.io/tls) with the certificate for the externalUrl host. Needs an https externalUrl. Leave empty when TLS ends before the Ingress controller or the controller has a default certificate.")
    private String tlsSecretName;

    @JsonPropertyDescription("Extra annotations for the Ingress, e.g. for cert-manager or the controller's timeouts. They win over the operator's own (sticky-session annotations for ingress-nginx when the dashboard has more than one replica).")
    private Map<String, String> annotations;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getClassName() { return className; }
    public void setClassName(String className) { this.className = className; }
    public String getTlsSecretName() { return tlsSecretName; }
    public void setTlsSecretName(String tlsSecretName) { this.tlsSecretName = tlsSecretName; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }

    public boolean enabled() { return Boolean.TRUE.equals(enabled); }
}
