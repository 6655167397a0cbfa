package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Copy folders of the stack's bucket onto the files volume, once (the vendor's S3-to-EFS side loader, made safe). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SeedFromBucketSpec {
    @Required
    @Size(min = 1, max = 7)
    @JsonPropertyDescription("Folders to seed: the objects under <prefix>/ in the bucket land in that folder of the files volume. One of themes, images, files, svg, locale, custom_jdbc, keys each.")
    private List<FilesFolder> prefixes;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("ServiceAccount of the seeding pod. It needs s3:ListBucket and s3:GetObject on the bucket: on EKS, an IAM role bound to it through IRSA or Pod Identity. Unset: the stack's own ServiceAccount <name>-jobs (see jobIdentity).")
    private String serviceAccountName;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Image of the seeding pod: the AWS CLI v2 with /bin/sh, cp and mv. Unset: the operator's panstack.images.aws-cli (amazon/aws-cli:2.17.0 unless the operator is configured otherwise, e.g. to a mirror).")
    private String image;

    public List<FilesFolder> getPrefixes() { return prefixes; }
    public void setPrefixes(List<FilesFolder> prefixes) { this.prefixes = prefixes; }
    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
}
