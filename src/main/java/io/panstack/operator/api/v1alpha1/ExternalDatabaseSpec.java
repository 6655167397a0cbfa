package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalDatabaseSpec {
    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Host name or address of the database server.")
    private String host;

    @Default("3306")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port of the database server.")
    private Integer port = Defaults.DATABASE_PORT;

    @Required
    @JsonPropertyDescription("Secret with keys \"username\" and \"password\" for a user that may create tables, triggers and routines in the schema.")
    private SecretReference credentialsSecretRef;

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public SecretReference getCredentialsSecretRef() { return credentialsSecretRef; }
    public void setCredentialsSecretRef(SecretReference credentialsSecretRef) { this.credentialsSecretRef = credentialsSecretRef; }

    public int port() { return port == null ? Defaults.DATABASE_PORT : port; }
}
