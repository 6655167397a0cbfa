package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The shared files on Amazon EFS, mounted through the EFS CSI driver. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.fileSystemId) || size(self.subnetIds) >= 1",
    message = "files.efs.subnetIds needs at least one subnet (one mount target per subnet, in each availability zone the cluster's nodes use), unless fileSystemId adopts a file system")
@ValidationRule(value = "has(self.fileSystemId) == has(oldSelf.fileSystemId) && (!has(self.fileSystemId) || self.fileSystemId == oldSelf.fileSystemId)",
    message = "files.efs.fileSystemId cannot change: it holds the stack's files")
@ValidationRule(value = "self.rootDirectory == oldSelf.rootDirectory",
    message = "files.efs.rootDirectory cannot change: the files live there")
public class EfsFilesSpec {
    @Size(max = 64)
    @Pattern("^fs-[0-9a-f]{8,40}$")
    @JsonPropertyDescription("Id of an existing file system to adopt (e.g. the vendor's Terraform one). Unset: one is created, found again by a creation token derived from the PanStack's UID. Cannot change.")
    private String fileSystemId;

    @Size(max = 16)
    @JsonPropertyDescription("Subnets to put mount targets in: one per availability zone the cluster's nodes run in. Removing one never deletes its mount target.")
    private List<@Pattern("^subnet-[0-9a-f]{1,40}$") String> subnetIds = List.of();

    @Size(max = 5)
    @JsonPropertyDescription("Security groups of new mount targets; they must let the nodes reach NFS (port 2049). Empty: the VPC's default group.")
    private List<@Pattern("^sg-[0-9a-f]{1,40}$") String> securityGroupIds = List.of();

    @Default(Defaults.EFS_ROOT_DIRECTORY)
    @Size(min = 1, max = 100)
    @Pattern("^/[A-Za-z0-9_./-]*$")
    @JsonPropertyDescription("Directory of the file system the stack's access point is rooted at (created if missing). Cannot change.")
    private String rootDirectory = Defaults.EFS_ROOT_DIRECTORY;

    public String getFileSystemId() { return fileSystemId; }
    public void setFileSystemId(String fileSystemId) { this.fileSystemId = fileSystemId; }
    public List<String> getSubnetIds() { return subnetIds; }
    public void setSubnetIds(List<String> subnetIds) { this.subnetIds = subnetIds != null ? subnetIds : List.of(); }
    public List<String> getSecurityGroupIds() { return securityGroupIds; }
    public void setSecurityGroupIds(List<String> securityGroupIds) { this.securityGroupIds = securityGroupIds != null ? securityGroupIds : List.of(); }
    public String getRootDirectory() { return rootDirectory; }
    public void setRootDirectory(String rootDirectory) { this.rootDirectory = rootDirectory; }

    public boolean adopts() { return fileSystemId != null && !fileSystemId.isEmpty(); }
}
