package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InClusterDatabaseSpec {
    @Default(Defaults.MARIADB_IMAGE)
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("MariaDB image. Minor and patch updates are applied on restart (MARIADB_AUTO_UPGRADE); take a backup before a major version change.")
    private String image = Defaults.MARIADB_IMAGE;

    @Default("{}")
    @JsonPropertyDescription("The database volume. It can grow (if its storage class allows expansion) but not shrink.")
    private DatabaseVolumeSpec storage = new DatabaseVolumeSpec();

    @Default(Defaults.MARIADB_RESOURCES)
    @JsonPropertyDescription("CPU and memory of the MariaDB container.")
    private ResourceRequirements resources = Defaults.resources(Defaults.MARIADB_RESOURCES);

    @Default("{}")
    @JsonPropertyDescription("A Prometheus exporter for the server (mysqld_exporter sidecar); off by default.")
    private DatabaseMetricsSpec metrics = new DatabaseMetricsSpec();

    public DatabaseMetricsSpec getMetrics() { return metrics; }
    public void setMetrics(DatabaseMetricsSpec metrics) { this.metrics = metrics != null ? metrics : new DatabaseMetricsSpec(); }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public DatabaseVolumeSpec getStorage() { return storage; }
    public void setStorage(DatabaseVolumeSpec storage) { this.storage = storage != null ? storage : new DatabaseVolumeSpec(); }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
}
