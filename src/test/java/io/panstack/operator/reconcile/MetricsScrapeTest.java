package io.panstack.operator.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.deploy.MonitoringManifestsTest;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.QuarkusMoto;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * Every panstack_* metric the alerts and the Grafana dashboard use (deploy/monitoring) is on /q/metrics of a running
 * operator, with exactly the labels they use: scraped after an AWS stack with backups has run.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(MotoServer.class)
@Tag(Tiers.RECONCILER)
class MetricsScrapeTest {
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)$");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @Inject
    KubernetesClient client;

    @Test
    void thePanstackMetricsCarryTheLabelsTheAlertsUse() {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(client);
        String subnets = String.join(", ", QuarkusMoto.network().subnetIds());
        cluster.create(PanStackReconcilerTest.MINIMAL + """
                  database:
                    rds: {subnetIds: [%s]}
                  bucket: {}
                  backup: {maxAge: 26h}
                """.formatted(subnets));
        cluster.runControllersUntilReady("demo");
        Instant success = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        finished(cluster, "demo-backup-1", new JobStatusBuilder().withSucceeded(1).withCompletionTime(success.toString()).build());
        finished(cluster, "demo-backup-2", new JobStatusBuilder().withFailed(2).addNewCondition().withType("Failed")
                .withStatus("True").withLastTransitionTime(Instant.now().toString()).endCondition().build());
        await().atMost(ClusterFixture.TIMEOUT).until(() -> cluster.get("demo").getStatus().getBackup().getLastFailureTime() != null);

        Map<String, Set<String>> scraped = await().atMost(ClusterFixture.TIMEOUT).until(this::scrape,
                s -> s.containsKey("panstack_last_failed_backup_timestamp_seconds"));

        MonitoringManifestsTest.METRIC_LABELS.forEach((name, labels) -> {
            if (name.startsWith("panstack_")) {
                assertThat(scraped).as(name).containsKey(name);
                assertThat(scraped.get(name)).as("labels of " + name).isEqualTo(labels);
            }
        });
        // The figures a user sees, printed for the record (status excerpt and metrics excerpt).
        var status = cluster.get("demo").getStatus();
        System.out.println("status excerpt:\n" + client.getKubernetesSerialization().asYaml(Map.of(
                "database", status.getDatabase(), "backup", status.getBackup())));
        System.out.println("metrics excerpt:\n" + String.join("\n", java.util.Arrays.stream(given().when().get("/q/metrics")
                .then().extract().asString().split("\n")).filter(l -> l.startsWith("panstack_") && l.contains(cluster.namespace)
                        || l.startsWith("panstack_aws_requests_total{operation=\"CreateDBInstance\"")).toList()));
        String series = "{name=\"demo\",namespace=\"" + cluster.namespace + "\"}";
        assertThat(value("panstack_ready" + series)).isEqualTo(1.0);
        assertThat(value("panstack_last_backup_timestamp_seconds{kind=\"logical\",name=\"demo\",namespace=\""
                + cluster.namespace + "\"}")).isEqualTo((double) success.getEpochSecond());
        assertThat(value("panstack_backup_max_age_seconds" + series)).isEqualTo(26 * 3600.0);
    }

    /**
     * /q/metrics stays bounded: per stack only the operator's own panstack_* series (JOSDK's per-resource timers and
     * counters are off), and none of them once the stack is deleted.
     */
    @Test
    void aStacksSeriesAreFewAndGoWithIt() {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(client);
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.runControllersUntilReady("demo");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> !ofNamespace(cluster.namespace).isEmpty());

        java.util.List<String> series = ofNamespace(cluster.namespace);
        assertThat(series).as("per-stack series").allMatch(line -> line.startsWith("panstack_"));
        System.out.println("metrics: " + series.size() + " series, " + String.join("\n", series).length()
                + " bytes of /q/metrics for one stack");

        cluster.deleteWithGarbageCollection("demo");
        await().atMost(ClusterFixture.TIMEOUT).until(() -> ofNamespace(cluster.namespace).isEmpty());
    }

    java.util.List<String> ofNamespace(String namespace) {
        return java.util.Arrays.stream(given().when().get("/q/metrics").then().statusCode(200).extract().asString()
                .split("\n")).filter(line -> !line.startsWith("#") && line.contains("\"" + namespace + "\"")).toList();
    }

    /** The value of one series, as Prometheus reads it (Micrometer may write 1.79E9). */
    double value(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return java.util.Arrays.stream(body.split("\n")).filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series));
    }

    void finished(ClusterFixture cluster, String name, io.fabric8.kubernetes.api.model.batch.v1.JobStatus status) {
        Job created = client.resource(BackupJobs.job(Stack.of(cluster.get("demo")), BackupJobs.Target.volume(), name)).create();
        created.setStatus(status);
        client.resource(created).updateStatus();
    }

    /** Metric name → the label names its samples carry (union). */
    Map<String, Set<String>> scrape() {
        Map<String, Set<String>> labels = new TreeMap<>();
        for (String line : given().when().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Set<String> names = labels.computeIfAbsent(sample.group(1), k -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        return labels;
    }
}
