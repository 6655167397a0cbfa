package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One source allowed to reach the dashboard: a namespace or an IP range, exactly one of the two. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "namespace", "cidr" })
@ValidationRule(value = "has(self.__namespace__) != has(self.cidr)",
        message = "each dashboardFrom or scrapedFrom entry names exactly one of namespace or cidr")
public class NetworkPeerSpec {
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Pods of this namespace (by its kubernetes.io/metadata.name label), e.g. the ingress controller's.")
    private String namespace;

    @Size(min = 4, max = 43)
    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*/[0-9]{1,3}$")
    @JsonPropertyDescription("An IPv4 or IPv6 range in CIDR notation, e.g. 10.0.0.0/16.")
    private String cidr;

    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getCidr() { return cidr; }
    public void setCidr(String cidr) { this.cidr = cidr; }
}
