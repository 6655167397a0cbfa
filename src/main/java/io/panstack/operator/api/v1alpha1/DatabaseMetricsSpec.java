package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

/** database.inCluster.metrics: a Prometheus exporter beside the in-cluster MariaDB. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "enabled", "image", "scrapedFrom" })
public class DatabaseMetricsSpec {
    public static final String IMAGE = "quay.io/prometheus/mysqld-exporter:v0.15.1";
    public static final int PORT = 9104;

    @Default("false")
    @JsonPropertyDescription("Run mysqld_exporter as a sidecar of MariaDB, on port 9104 (\"metrics\") of its pod and Service, logged in as the Pi user (it reads the server's status and variables). deploy/monitoring's PodMonitor scrapes it and its alerts use it (connections near max_connections). Changing it restarts MariaDB.")
    private Boolean enabled = false;

    @Default(IMAGE)
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("The exporter image: mysqld_exporter 0.15 or later (it takes --mysqld.username and MYSQLD_EXPORTER_PASSWORD). It runs in MariaDB's pod: one that cannot start (an older image, a pull failure) takes MariaDB out of its Service.")
    private String image = IMAGE;

    @Size(max = 20)
    @JsonPropertyDescription("With network isolation, who may reach the exporter's port: Prometheus's namespace (e.g. monitoring) or range. Empty (default): only the stack's own pods, so set it for Prometheus to scrape. Keep it narrow: mysqld_exporter's /probe logs in wherever it is told to, with the Pi user's password.")
    private List<NetworkPeerSpec> scrapedFrom;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }

    public List<NetworkPeerSpec> getScrapedFrom() { return scrapedFrom; }
    public void setScrapedFrom(List<NetworkPeerSpec> scrapedFrom) { this.scrapedFrom = scrapedFrom; }

    public boolean enabled() { return Boolean.TRUE.equals(enabled); }

    public List<NetworkPeerSpec> scrapers() { return scrapedFrom == null ? List.of() : scrapedFrom; }
}
