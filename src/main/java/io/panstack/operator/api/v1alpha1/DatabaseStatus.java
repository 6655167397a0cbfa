package io.panstack.operator.api.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "mode", "host", "port", "schema", "credentialsSecret", "instanceId", "awsStatus", "latestRestorableTime", "restoredAt", "volumeName", "drift" })
public class DatabaseStatus implements DriftReport {
    @JsonPropertyDescription("InCluster, Rds or External.")
    private DatabaseMode mode;
    @JsonPropertyDescription("Host the Pi components connect to.")
    private String host;
    @JsonPropertyDescription("Port the Pi components connect to.")
    private Integer port;
    @JsonPropertyDescription("Schema holding the Pi repository.")
    private String schema;
    @JsonPropertyDescription("Secret with the username and password the components use (never the password itself).")
    private String credentialsSecret;
    @JsonPropertyDescription("RDS: the DB instance identifier.")
    private String instanceId;
    @JsonPropertyDescription("RDS: the instance status as AWS reports it (creating, available, modifying, ...).")
    private String awsStatus;
    @JsonPropertyDescription("RDS: the latest time the instance can be restored to (point-in-time recovery), RFC 3339.")
    private String latestRestorableTime;
    @JsonPropertyDescription("When database.restoreFrom was restored into the repository (RFC 3339); it never runs again.")
    private String restoredAt;
    @JsonPropertyDescription("The PersistentVolume the claim is bound to. Under deletionPolicy Retain or Snapshot its reclaim policy is Retain, so it outlives the claim, even a deleted namespace; a new claim binds to it by this name (spec.volumeName).")
    private String volumeName;
    @JsonPropertyDescription(DriftReport.DESCRIPTION)
    private List<String> drift;

    public DatabaseStatus() {
    }

    public DatabaseStatus(DatabaseMode mode, String host, Integer port, String schema, String credentialsSecret) {
        this.mode = mode;
        this.host = host;
        this.port = port;
        this.schema = schema;
        this.credentialsSecret = credentialsSecret;
    }

    public DatabaseMode getMode() { return mode; }
    public void setMode(DatabaseMode mode) { this.mode = mode; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getSchema() { return schema; }
    public void setSchema(String schema) { this.schema = schema; }
    public String getCredentialsSecret() { return credentialsSecret; }
    public void setCredentialsSecret(String credentialsSecret) { this.credentialsSecret = credentialsSecret; }
    public String getInstanceId() { return instanceId; }
    public void setInstanceId(String instanceId) { this.instanceId = instanceId; }
    public String getAwsStatus() { return awsStatus; }
    public void setAwsStatus(String awsStatus) { this.awsStatus = awsStatus; }
    public String getLatestRestorableTime() { return latestRestorableTime; }
    public void setLatestRestorableTime(String latestRestorableTime) { this.latestRestorableTime = latestRestorableTime; }
    public String getRestoredAt() { return restoredAt; }
    public void setRestoredAt(String restoredAt) { this.restoredAt = restoredAt; }

    @Override
    public List<String> getDrift() { return drift; }
    @Override
    public void setDrift(List<String> drift) { this.drift = drift; }

    public String getVolumeName() { return volumeName; }
    public void setVolumeName(String volumeName) { this.volumeName = volumeName; }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseStatus that && mode == that.mode && Objects.equals(host, that.host)
                && Objects.equals(port, that.port) && Objects.equals(schema, that.schema)
                && Objects.equals(credentialsSecret, that.credentialsSecret) && Objects.equals(instanceId, that.instanceId)
                && Objects.equals(awsStatus, that.awsStatus)
                && Objects.equals(latestRestorableTime, that.latestRestorableTime)
                && Objects.equals(restoredAt, that.restoredAt)
                && Objects.equals(drift, that.drift)
                && Objects.equals(volumeName, that.volumeName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, host, port, schema, credentialsSecret, instanceId, awsStatus, latestRestorableTime,
                restoredAt, drift, volumeName);
    }
}
