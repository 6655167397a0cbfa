package io.panstack.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.panstack.operator.crd.apiserver.Manifests;
import io.panstack.operator.testsupport.Tiers;

/**
 * deploy/monitoring/: the ServiceMonitor must reach the metrics Service of deploy/, and the alerts and the Grafana
 * dashboard may only use metrics, and labels, that the operator exports.
 *
 * <p>No PromQL parser is on the class path and no Prometheus binary on the build machine, so {@code promtool check
 * rules} cannot run here: the expressions are checked for balanced brackets, for their metric names and for the
 * labels they select and group by. Run promtool where it is available.
 */
@Tag(Tiers.UNIT)
public class MonitoringManifestsTest {
    static final Path MONITORING = Path.of("deploy", "monitoring");

    /**
     * The metrics deploy/monitoring uses, with their labels, as the operator exports them on /q/metrics (Prometheus
     * names). The PanStack ones come from the operator; the operator_sdk ones from JOSDK's MicrometerMetrics as QOSDK
     * configures it (per resource: name and namespace tags). A test of the operator can check it really exports them.
     */
    public static final Map<String, Set<String>> METRIC_LABELS = Map.ofEntries(
            Map.entry("panstack_ready", Set.of("namespace", "name")),
            Map.entry("panstack_component_ready_replicas", Set.of("namespace", "name", "component")),
            Map.entry("panstack_last_backup_timestamp_seconds", Set.of("namespace", "name", "kind")),
            Map.entry("panstack_last_failed_backup_timestamp_seconds", Set.of("namespace", "name")),
            Map.entry("panstack_backup_max_age_seconds", Set.of("namespace", "name")),
            Map.entry("panstack_latest_restorable_timestamp_seconds", Set.of("namespace", "name")),
            Map.entry("panstack_backup_verified", Set.of("namespace", "name")),
            Map.entry("panstack_aws_observation_failing", Set.of("namespace", "name", "observation")),
            Map.entry("panstack_reconcile_failing", Set.of("namespace", "name")),
            Map.entry("panstack_aws_requests_total", Set.of("service", "operation", "outcome")),
            // JOSDK counters, without per-resource series (runtime/OperatorMetrics): group, version, kind, scope
            // (+ retry tags, exception).
            Map.entry("operator_sdk_reconciliations_started_total", Set.of("group", "version", "kind", "scope",
                    "reconciliations_retries_number", "reconciliations_retries_last")),
            Map.entry("operator_sdk_reconciliations_failed_total", Set.of("group", "version", "kind", "scope",
                    "exception")),
            // JOSDK gauges named after the controller ("panstack"), tagged with the resource's group, version, kind.
            Map.entry("operator_sdk_reconciliations_executions_panstack", Set.of("group", "version", "kind")),
            Map.entry("operator_sdk_reconciliations_queue_size_panstack", Set.of("group", "version", "kind")),
            // JOSDK timer of reconcile(), a histogram; its resource tags carry a "resource_" prefix.
            Map.entry("operator_sdk_controllers_execution_reconcile_seconds_bucket", Set.of("controller",
                    "resource_group", "resource_version", "resource_kind", "resource_scope", "le")));

    /**
     * Metrics the alerts use that others export: the MariaDB exporter sidecar (podmonitor.yaml; the pod's namespace and
     * pod as target labels) and the kubelet's volume figures (kube-prometheus-stack scrapes them).
     */
    static final Map<String, Set<String>> OTHER_METRIC_LABELS = Map.of(
            "mysql_global_status_threads_connected", Set.of(),
            "mysql_global_variables_max_connections", Set.of(),
            "kubelet_volume_stats_available_bytes", Set.of("namespace", "persistentvolumeclaim"),
            "kubelet_volume_stats_capacity_bytes", Set.of("namespace", "persistentvolumeclaim"));

    /** Every metric the alerts and the dashboard may use, with its labels. */
    static final Map<String, Set<String>> ALL_METRIC_LABELS = new java.util.HashMap<>(METRIC_LABELS);
    static {
        ALL_METRIC_LABELS.putAll(OTHER_METRIC_LABELS);
    }

    /** The metric names alone: the operator's. */
    public static final Set<String> METRICS = METRIC_LABELS.keySet();

    /** Labels every scraped series has besides its own (Prometheus' target labels; honorLabels keeps the metric's). */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod", "container", "endpoint", "service",
            "namespace");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*+)\\s*\\{([^}]*)\\}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern
            .compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern
            .compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern
            .compile("^label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*\\})?\\s*,\\s*([a-zA-Z_]\\w*)\\s*\\)$");

    static JsonNode serviceMonitor;
    static JsonNode prometheusRule;
    static JsonNode dashboard;
    static JsonNode kustomization;
    static JsonNode metricsService;

    @BeforeAll
    static void load() throws IOException {
        serviceMonitor = yaml(MONITORING.resolve("servicemonitor.yaml"));
        prometheusRule = yaml(MONITORING.resolve("prometheusrule.yaml"));
        kustomization = yaml(MONITORING.resolve("kustomization.yaml"));
        metricsService = yaml(DeployManifestsTest.BASE.resolve("service.yaml"));
        dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
    }

    // --- ServiceMonitor -------------------------------------------------------------------------------------------

    @Test
    void serviceMonitorSelectsTheMetricsServiceOfDeployByItsLabelsAndPortName() throws IOException {
        assertThat(serviceMonitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(serviceMonitor.path("kind").asText()).isEqualTo("ServiceMonitor");

        JsonNode matchLabels = serviceMonitor.path("spec").path("selector").path("matchLabels");
        assertThat(matchLabels.size()).as("selector.matchLabels").isPositive();
        assertThat(serviceMonitor.path("spec").path("selector").has("matchExpressions")).isFalse();
        JsonNode serviceLabels = metricsService.path("metadata").path("labels");
        matchLabels.fields().forEachRemaining(label -> assertThat(serviceLabels.path(label.getKey()).asText())
                .as("label %s of deploy/base/service.yaml", label.getKey()).isEqualTo(label.getValue().asText()));

        String namespace = yaml(DeployManifestsTest.BASE.resolve("kustomization.yaml")).path("namespace").asText();
        assertThat(texts(serviceMonitor.path("spec").path("namespaceSelector").path("matchNames")))
                .containsExactly(namespace);

        Set<String> portNames = new HashSet<>(texts(metricsService.path("spec").path("ports").findValues("name")));
        JsonNode endpoints = serviceMonitor.path("spec").path("endpoints");
        assertThat(endpoints.size()).isEqualTo(1);
        JsonNode endpoint = endpoints.get(0);
        assertThat(portNames).contains(endpoint.path("port").asText());
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
        // The operator's namespace / name / service labels mean the stack and the AWS service, not the target.
        assertThat(endpoint.path("honorLabels").asBoolean()).as("honorLabels").isTrue();
    }

    @Test
    void theOperatorServesMetricsWhereTheServiceMonitorLooks() throws IOException {
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        // Quarkus' defaults: /q/metrics on the main HTTP port (8080 in the container, the Service's "http" port).
        assertThat(app.stringPropertyNames()).noneMatch(key -> key.equals("quarkus.management.enabled")
                || key.equals("quarkus.http.port") || key.equals("quarkus.http.root-path")
                || key.equals("quarkus.http.non-application-root-path")
                || key.equals("quarkus.micrometer.export.prometheus.path"));
        JsonNode port = metricsService.path("spec").path("ports").get(0);
        assertThat(port.path("port").asInt()).isEqualTo(8080);
    }

    // --- PrometheusRule -------------------------------------------------------------------------------------------

    @Test
    void everyAlertHasASeverityASummaryAndADescriptionThatSaysWhatToDo() {
        List<JsonNode> rules = rules();
        assertThat(rules).extracting(rule -> rule.path("alert").asText()).contains("PanStackNotReady",
                "PanStackBackupTooOld", "PanStackBackupFailed", "PanStackAwsErrorsRising", "PanStackReconcileErrors");
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertThat(alert).as("only alerting rules").isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(alert + " severity").isIn("critical",
                    "warning", "info");
            assertThat(rule.path("for").asText()).as(alert + " for").matches("^([0-9]+[smhdw])+$");
            String summary = rule.path("annotations").path("summary").asText();
            String description = rule.path("annotations").path("description").asText();
            assertThat(summary).as(alert + " summary").isNotBlank();
            assertThat(description).as(alert + " description").isNotBlank().contains("kubectl");
            for (String text : List.of(summary, description)) {
                assertThat(text.split("\\{\\{", -1).length).as(alert + " template braces")
                        .isEqualTo(text.split("}}", -1).length);
            }

            Set<String> grouping = groupingLabels(rule.path("expr").asText());
            if (grouping.containsAll(Set.of("namespace", "name"))) {
                for (String text : List.of(summary, description)) {
                    assertThat(text).as(alert + " names the stack").contains("{{ $labels.namespace }}", "{{ $labels.name }}");
                }
                assertThat(description).as(alert + " says where to look").contains("describe pan");
            } else {
                assertThat(summary + description).as(alert + " names what it is about")
                        .containsPattern("\\{\\{ \\$labels\\.\\w+ \\}\\}");
            }
        }
    }

    @Test
    void alertExpressionsBalanceTheirBracketsAndUseOnlyExportedMetricsAndLabels() {
        for (JsonNode rule : rules()) {
            checkExpression(rule.path("alert").asText(), rule.path("expr").asText());
        }
    }

    // --- Grafana dashboard ----------------------------------------------------------------------------------------

    @Test
    void dashboardTakesItsDataSourceFromAVariableAndOffersNamespaceAndNameVariables() {
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<JsonNode> variables = list(dashboard.path("templating").path("list"));
        assertThat(variables).extracting(v -> v.path("name").asText()).containsExactly("datasource", "namespace", "name");
        assertThat(variables.get(0).path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get(0).path("query").asText()).isEqualTo("prometheus");
        for (JsonNode variable : variables.subList(1, 3)) {
            String name = variable.path("name").asText();
            assertThat(variable.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            Matcher query = LABEL_VALUES.matcher(variable.path("query").asText());
            assertThat(query.matches()).as(name + ": label_values(panstack_ready..., " + name + ")").isTrue();
            assertThat(query.group(1)).isEqualTo("panstack_ready");
            assertThat(query.group(3)).isEqualTo(name);
            assertThat(variable.path("includeAll").asBoolean()).isTrue();
        }
        assertThat(variables.get(2).path("query").asText()).as("name follows namespace").contains("$namespace");
    }

    @Test
    void everyPanelAndQueryUsesTheDataSourceVariable() {
        List<JsonNode> panels = panels();
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets").size()).as(title + " targets").isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
            }
        }
        assertThat(panels).extracting(p -> p.path("title").asText()).contains("Stacks ready",
                "Component ready replicas", "Backup age vs maxAge", "Latest restorable time age (RDS)",
                "AWS calls by outcome", "Reconciles", "Failed reconciles");
    }

    @Test
    void dashboardQueriesBalanceTheirBracketsAndUseOnlyExportedMetricsAndLabels() {
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                checkExpression(panel.path("title").asText() + " " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
    }

    // --- Together -------------------------------------------------------------------------------------------------

    @Test
    void theMetricListHoldsExactlyWhatTheAlertsAndTheDashboardUse() {
        Set<String> used = new TreeSet<>();
        rules().forEach(rule -> used.addAll(metricNames(rule.path("expr").asText())));
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(target -> used.addAll(metricNames(target.path("expr").asText())));
        }
        list(dashboard.path("templating").path("list")).stream().map(v -> LABEL_VALUES.matcher(v.path("query").asText()))
                .filter(Matcher::matches).forEach(m -> used.add(m.group(1)));
        assertThat(used).isEqualTo(new TreeSet<>(ALL_METRIC_LABELS.keySet()));
    }

    @Test
    void thePodMonitorSelectsTheExporterOfEveryStacksMariaDb() throws IOException {
        JsonNode podMonitor = yaml(MONITORING.resolve("podmonitor.yaml"));
        io.fabric8.kubernetes.api.model.apps.StatefulSet mariadb = io.panstack.operator.database.MariaDb.desired(
                io.panstack.operator.testsupport.TestStacks.withSpec("""
                        version: '2025_10.1'
                        database: {inCluster: {metrics: {enabled: true}}}
                        """));
        Map<String, String> podLabels = mariadb.getSpec().getTemplate().getMetadata().getLabels();
        podMonitor.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> assertThat(podLabels).containsEntry(e.getKey(), e.getValue().asText()));
        assertThat(podMonitor.path("spec").path("namespaceSelector").path("any").asBoolean()).isTrue();
        String port = podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
        assertThat(mariadb.getSpec().getTemplate().getSpec().getContainers())
                .flatExtracting(io.fabric8.kubernetes.api.model.Container::getPorts)
                .extracting(io.fabric8.kubernetes.api.model.ContainerPort::getName).contains(port);
    }

    @Test
    void kustomizationInstallsTheRulesAndTheDashboardInTheOperatorsNamespace() throws IOException {
        String namespace = yaml(DeployManifestsTest.BASE.resolve("kustomization.yaml")).path("namespace").asText();
        assertThat(kustomization.path("namespace").asText()).isEqualTo(namespace).isEqualTo("panstack-system");
        List<String> resources = texts(kustomization.path("resources"));
        assertThat(resources).containsExactlyInAnyOrder("servicemonitor.yaml", "podmonitor.yaml", "prometheusrule.yaml");
        resources.forEach(resource -> assertThat(MONITORING.resolve(resource)).exists());
        assertThat(prometheusRule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(prometheusRule.path("kind").asText()).isEqualTo("PrometheusRule");

        JsonNode generator = kustomization.path("configMapGenerator");
        assertThat(generator.size()).isEqualTo(1);
        JsonNode dashboardMap = generator.get(0);
        assertThat(dashboardMap.path("options").path("labels").path("grafana_dashboard").isTextual()).isTrue();
        assertThat(dashboardMap.path("options").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        List<String> files = texts(dashboardMap.path("files"));
        assertThat(files).singleElement().satisfies(file -> {
            String source = file.contains("=") ? file.substring(file.indexOf('=') + 1) : file;
            assertThat(source).isEqualTo("grafana-dashboard.json");
            assertThat(MONITORING.resolve(source)).exists();
        });
    }

    // --- Checks on one PromQL expression --------------------------------------------------------------------------

    @Test
    void theExpressionChecksThemselvesWork() {
        assertThat(metricNames("sum by (namespace, name) (rate(a_total{kind=\"x\", le=~\"$v\"}[$__rate_interval])) "
                + "> on (namespace) max(b) or vector(0) unless label_replace(c > 0, \"kind\", \"pitr\", \"\", \"\")"))
                .containsExactlyInAnyOrder("a_total", "b", "c");
        assertThat(groupingLabels("sum by (namespace, name) (x) > on (kind) y")).containsExactlyInAnyOrder("namespace",
                "name", "kind");
        assertThat(balanced("sum(rate(x{a=\"(\"}[5m]))")).isTrue();
        assertThat(balanced("sum(rate(x{a=\"b\"}[5m])")).isFalse();
        assertThat(balanced("sum(rate(x{a=\"b\"))[5m])")).isFalse();
    }

    private static void checkExpression(String where, String expr) {
        assertThat(expr).as(where).isNotBlank();
        assertThat(balanced(expr)).as(where + ": brackets balance in " + expr).isTrue();
        Set<String> metrics = metricNames(expr);
        assertThat(metrics).as(where + ": uses some metric").isNotEmpty();
        assertThat(ALL_METRIC_LABELS.keySet()).as(where + ": metrics the operator or the listed exporters export")
                .containsAll(metrics);

        Set<String> available = new HashSet<>(TARGET_LABELS);
        metrics.forEach(metric -> available.addAll(ALL_METRIC_LABELS.get(metric)));
        Matcher selector = SELECTOR.matcher(withoutStrings(expr, true));
        while (selector.find()) {
            Set<String> labels = ALL_METRIC_LABELS.get(selector.group(1));
            Matcher matcher = MATCHER.matcher(withoutStrings(selector.group(2), false));
            while (matcher.find()) {
                assertThat(labels).as(where + ": labels of " + selector.group(1)).contains(matcher.group(1));
            }
        }
        assertThat(available).as(where + ": grouping labels").containsAll(groupingLabels(expr));
    }

    /** The metric names in a PromQL expression: identifiers that are not functions, keywords or label names. */
    static Set<String> metricNames(String expr) {
        String code = withoutStrings(expr, false).replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
        code = GROUPING.matcher(code).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** Labels named in by (...), without (...), on (...), ignoring (...), group_left (...), group_right (...). */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher grouping = GROUPING.matcher(withoutStrings(expr, false));
        while (grouping.find()) {
            for (String label : grouping.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    /** (), [] and {} pair up and nest properly, outside string literals. */
    static boolean balanced(String expr) {
        Deque<Character> open = new ArrayDeque<>();
        String code = withoutStrings(expr, false);
        for (char c : code.toCharArray()) {
            switch (c) {
                case '(', '[', '{' -> open.push(c);
                case ')', ']', '}' -> {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty() || open.pop() != expected) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return open.isEmpty() && code.chars().filter(ch -> ch == '"' || ch == '\'' || ch == '`').count() == 0;
    }

    /** The expression with string literals emptied ("" kept when keepQuotes, so selectors still parse). */
    private static String withoutStrings(String expr, boolean keepQuotes) {
        return STRING.matcher(expr).replaceAll(keepQuotes ? "\"\"" : " ");
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        JsonNode groups = prometheusRule.path("spec").path("groups");
        assertThat(groups.size()).isPositive();
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        assertThat(rules).isNotEmpty();
        return rules;
    }

    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // panels of collapsed rows
        }
        return panels;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static JsonNode yaml(Path file) throws IOException {
        return Manifests.parse(Files.readString(file));
    }
}
