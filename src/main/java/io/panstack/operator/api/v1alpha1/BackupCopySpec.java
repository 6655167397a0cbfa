package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A second place each logical backup is copied to: a bucket you own, e.g. in another region or account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "bucket", "region", "prefix", "kmsKeyId" })
public class BackupCopySpec {
    @Required
    @Size(min = 3, max = 63)
    @Pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
    @JsonPropertyDescription("The bucket each backup and its manifest are copied to, by the backup pod (its ServiceAccount needs s3:PutObject there; the operator itself never touches this bucket).")
    private String bucket;

    @Size(max = 32)
    @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
    @JsonPropertyDescription("The bucket's region, e.g. eu-central-1. Unset: the stack's region.")
    private String region;

    @Size(max = 200)
    @Pattern("^[A-Za-z0-9!_.*'()/-]*$")
    @JsonPropertyDescription("Key prefix in that bucket. Unset: <namespace>/<name>/, so several stacks can share it.")
    private String prefix;

    @Size(max = 2048)
    @Pattern("^[A-Za-z0-9][A-Za-z0-9:/_.-]*$")
    @JsonPropertyDescription("KMS key (id, ARN or alias) to encrypt the copies with, in the copy's region. Unset: the bucket's default encryption.")
    private String kmsKeyId;

    public String getBucket() { return bucket; }
    public void setBucket(String bucket) { this.bucket = bucket; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getPrefix() { return prefix; }
    public void setPrefix(String prefix) { this.prefix = prefix; }
    public String getKmsKeyId() { return kmsKeyId; }
    public void setKmsKeyId(String kmsKeyId) { this.kmsKeyId = kmsKeyId; }
}
