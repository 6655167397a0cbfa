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

    @Default("true")
    @JsonPropertyDescription("Check before the dashboard starts that the server has what Pi needs (lower_case_table_names=1, log_bin_trust_function_creators=1, NO_AUTO_VALUE_ON_ZERO in sql_mode): the init container check-database keeps the dashboard back until it does. false: no check (e.g. a server the MariaDB client cannot reach as the dashboard does, such as one that requires TLS).")
    private Boolean checkSettings = true;

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public SecretReference getCredentialsSecretRef() { return credentialsSecretRef; }
    public void setCredentialsSecretRef(SecretReference credentialsSecretRef) { this.credentialsSecretRef = credentialsSecretRef; }

    public Boolean getCheckSettings() { return checkSettings; }
    public void setCheckSettings(Boolean checkSettings) { this.checkSettings = checkSettings; }

    public int port() { return port == null ? Defaults.DATABASE_PORT : port; }
    public boolean checksSettings() { return checkSettings == null || checkSettings; }
}
