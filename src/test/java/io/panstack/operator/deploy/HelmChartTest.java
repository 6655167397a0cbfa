package io.panstack.operator.deploy;

import static io.panstack.operator.deploy.Kustomize.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.testsupport.Tiers;

/**
 * The Helm chart (deploy/helm/panstack-operator) installs what the kustomizations of deploy/ install, rendered here with
 * Helm's own library (helm-java) and compared object by object, as parsed trees: with its defaults what
 * `kubectl apply -k deploy/` does, with watchNamespaces what deploy/confined/ does, with monitoring.* what
 * deploy/monitoring/ adds. Allowed differences, and only these: the chart makes no Namespace (helm --create-namespace
 * does), its CRDs come from its crds/ directory (checked byte for byte against crds/), and it adds Helm's four standard
 * labels ({@link #HELM_LABELS}) to objects and pod templates. So a rule added to deploy/base/rbac.yaml and not to the
 * chart, or the other way round, fails here.
 */
@Tag(Tiers.UNIT)
class HelmChartTest {
    static final Path CHART = Path.of("deploy", "helm", "panstack-operator");
    static final String NAMESPACE = "panstack-system";
    static final String WATCHED_ENV = ConfinedInstallTest.WATCHED_ENV;
    /** Helm's standard labels, which deploy/ does not put on anything: the comparison leaves them out. */
    static final Set<String> HELM_LABELS = Set.of("helm.sh/chart", "app.kubernetes.io/managed-by",
            "app.kubernetes.io/instance", "app.kubernetes.io/version");
    static final Map<String, Object> ALL_MONITORING = Map.of("monitoring", Map.of("serviceMonitor", Map.of("enabled", true),
            "prometheusRule", Map.of("enabled", true), "grafanaDashboard", Map.of("enabled", true)));

    @Test
    void withItsDefaultsTheChartInstallsWhatDeployInstalls() throws IOException {
        assertSameObjects(render(Map.of()), installedByHelm(Kustomize.build(Path.of("deploy"))));
    }

    @Test
    void withWatchNamespacesItInstallsWhatDeployConfinedInstalls() throws IOException {
        List<HasMetadata> confined = Kustomize.build(ConfinedInstallTest.OVERLAY);
        List<String> watched = Arrays.asList(operator(one(confined, Deployment.class)).getEnv().stream()
                .filter(e -> e.getName().equals(WATCHED_ENV)).findFirst().orElseThrow().getValue().split(","));
        assertThat(watched).as("the namespaces deploy/confined/ watches").hasSizeGreaterThan(1);

        assertSameObjects(render(Map.of("watchNamespaces", watched)), installedByHelm(confined));
    }

    @Test
    void withMonitoringItAlsoInstallsWhatDeployMonitoringInstalls() throws IOException {
        List<HasMetadata> base = installedByHelm(Kustomize.build(Path.of("deploy")));
        List<HasMetadata> monitoring = Kustomize.build(Path.of("deploy", "monitoring"));
        assertThat(monitoring).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceMonitor",
                "PodMonitor", "PrometheusRule", "ConfigMap");

        assertSameObjects(render(ALL_MONITORING), Stream.concat(base.stream(), monitoring.stream()).toList());
        // Each switch adds its own object only.
        // The scraping switch covers both scrape targets: the operator and the MariaDB exporters.
        Map<String, Set<String>> kindsOf = Map.of("serviceMonitor", Set.of("ServiceMonitor", "PodMonitor"),
                "prometheusRule", Set.of("PrometheusRule"), "grafanaDashboard", Set.of("ConfigMap"));
        for (var entry : kindsOf.entrySet()) {
            List<HasMetadata> rendered = render(Map.of("monitoring", Map.of(entry.getKey(), Map.of("enabled", true))));
            assertSameObjects(rendered, Stream.concat(base.stream(),
                    monitoring.stream().filter(o -> entry.getValue().contains(o.getKind()))).toList());
        }
    }

    /**
     * Helm installs the chart's crds/ (it cannot reach the repository's), and templates only from files inside the chart:
     * these copies must be exactly their sources.
     */
    @Test
    void theChartsCopiesAreExactlyTheirSources() throws IOException {
        Set<String> generated = fileNames(Path.of("crds"), ".yml");
        assertThat(generated).as("CRDs in crds/").hasSize(3);
        SoftAssertions copies = new SoftAssertions();
        copies.assertThat(fileNames(CHART.resolve("crds"), "")).as("files in " + CHART + "/crds/")
                .withFailMessage("%s/crds/ should hold exactly crds/*.yml; run ./mvnw -DskipTests package (it regenerates "
                        + "crds/ and copies it into the chart), delete files crds/ no longer has, and commit both", CHART)
                .isEqualTo(generated);
        for (String name : generated) {
            copies.assertThat(CHART.resolve("crds").resolve(name)).as("chart CRD")
                    .withFailMessage("%s/crds/%s differs from crds/%s: run ./mvnw -DskipTests package (it regenerates crds/ "
                            + "and copies it into the chart) and commit both", CHART, name, name)
                    .hasSameBinaryContentAs(Path.of("crds", name));
        }
        for (String name : List.of("grafana-dashboard.json", "prometheusrule.yaml")) {
            Path source = Path.of("deploy", "monitoring", name);
            Path copy = CHART.resolve("files").resolve(name);
            copies.assertThat(copy).withFailMessage("%s differs from %s: cp %s %s", copy, source, source, copy)
                    .hasSameBinaryContentAs(source);
        }
        copies.assertAll();
    }

    @Test
    void lintFindsNothingAndTheChartIsVersionedWithTheOperator() throws IOException {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).as("helm lint --strict").noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        // appVersion is the default image tag, which the comparison with deploy/ checks.
        Map<String, Object> chart = Kustomize.yaml(CHART.resolve("Chart.yaml"));
        assertThat(chart.get("version")).as("Chart.yaml version").isEqualTo(chart.get("appVersion"));
    }

    @Test
    void valuesTakeEffect() throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image", Map.of("repository", "registry.example.com/platform/panstack-operator", "tag", "0.2.0-rc1",
                "pullPolicy", "Always"));
        values.put("imagePullSecrets", List.of(Map.of("name", "regcred")));
        values.put("replicas", 2);
        values.put("resources", Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi"), "limits", Map.of("memory", "1Gi")));
        values.put("serviceAccount", Map.of("annotations", Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/op")));
        values.put("podAnnotations", Map.of("example.com/team", "platform"));
        values.put("nodeSelector", Map.of("kubernetes.io/os", "linux"));
        values.put("tolerations", List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "ops", "effect", "NoSchedule")));
        values.put("affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
                Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(Map.of("key", "zone",
                        "operator", "In", "values", List.of("a")))))))));
        values.put("extraEnv", List.of(Map.of("name", "AWS_REGION", "value", "eu-west-1")));
        values.put("monitoring", Map.of("serviceMonitor", Map.of("enabled", true, "labels", Map.of("release", "kps")),
                "prometheusRule", Map.of("enabled", true, "labels", Map.of("release", "kps")),
                "grafanaDashboard", Map.of("enabled", true, "namespace", "grafana")));
        List<HasMetadata> rendered = render(values);

        Deployment deployment = one(rendered, Deployment.class);
        Container operator = operator(deployment);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(operator.getImage()).isEqualTo("registry.example.com/platform/panstack-operator:0.2.0-rc1");
        assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getImagePullSecrets()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("regcred"));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(operator.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("250m"), "memory",
                new Quantity("512Mi")));
        assertThat(operator.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("1Gi")));
        assertThat(rendered).filteredOn(o -> o.getKind().equals("ServiceAccount")).singleElement()
                .satisfies(sa -> assertThat(sa.getMetadata().getAnnotations())
                        .containsExactly(Map.entry("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/op")));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsExactly(Map.entry("example.com/team", "platform"));
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()).hasSize(1);
        assertThat(operator.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .as("the operator's own settings first, then extraEnv")
                .startsWith(WATCHED_ENV + "=JOSDK_ALL_NAMESPACES").endsWith("AWS_REGION=eu-west-1").hasSize(5);
        assertThat(rendered).filteredOn(o -> Set.of("ServiceMonitor", "PodMonitor", "PrometheusRule").contains(o.getKind())).hasSize(3)
                .allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("release", "kps"));
        assertThat(one(rendered, ConfigMap.class).getMetadata().getNamespace()).isEqualTo("grafana");
    }

    @Test
    void refusesValuesItWouldMisread() {
        // A misspelt key would otherwise leave watchNamespaces empty: cluster-wide rights.
        assertThatThrownBy(() -> render(Map.of("watchNamespace", List.of("team-a")))).hasMessageContaining("watchNamespace");
        assertThatThrownBy(() -> render(Map.of("watchNamespaces", "team-a,team-b"))).hasMessageContaining("watchNamespaces");
        assertThatThrownBy(() -> render(Map.of("watchNamespaces", List.of("Team A")))).hasMessageContaining("watchNamespaces");
    }

    /** The comparison is strict: a rule, a field or a label of deploy/'s own is a difference; Helm's labels are not. */
    @Test
    void theComparisonSeesEveryDifferenceButHelmsLabels() throws IOException {
        List<HasMetadata> deploy = installedByHelm(Kustomize.build(Path.of("deploy")));

        List<HasMetadata> moreRules = copy(deploy);
        one(moreRules, ClusterRole.class).getRules().add(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                .withVerbs("get").build());
        assertThat(differences(moreRules, deploy)).singleElement().asString().startsWith("ClusterRole ").contains("/rules");

        List<HasMetadata> otherLabel = copy(deploy);
        one(otherLabel, Deployment.class).getSpec().getTemplate().getMetadata().getLabels().put("team", "x");
        assertThat(differences(otherLabel, deploy)).singleElement().asString().contains("/spec/template/metadata/labels/team");

        List<HasMetadata> helmLabels = copy(deploy);
        helmLabels.forEach(o -> o.getMetadata().getLabels().put("app.kubernetes.io/instance", "panstack"));
        one(helmLabels, Deployment.class).getSpec().getTemplate().getMetadata().getLabels().put("helm.sh/chart", "x-1");
        assertThat(differences(helmLabels, deploy)).isEmpty();

        List<HasMetadata> otherSelector = copy(deploy);
        one(otherSelector, Deployment.class).getSpec().getSelector().getMatchLabels().put("app.kubernetes.io/instance", "x");
        assertThat(differences(otherSelector, deploy)).as("Helm's labels count in a selector").hasSize(1);

        assertThat(differences(deploy.subList(1, deploy.size()), deploy)).singleElement().asString()
                .contains("expected, not rendered");
    }

    /** The comparisons above are only as good as the tests' reading of the kustomizations: kubectl's must be the same. */
    @Test
    void theKustomizationsAreReadAsKubectlBuildsThem() throws Exception {
        for (Path dir : List.of(Path.of("deploy"), ConfinedInstallTest.OVERLAY, Path.of("deploy", "monitoring"))) {
            Optional<List<HasMetadata>> kubectl = Kustomize.kubectl(dir);
            Assumptions.assumeTrue(kubectl.isPresent(), "kubectl not on the PATH");
            assertThat(differences(Kustomize.build(dir), kubectl.get())).as("Kustomize.build(%s) against kubectl kustomize", dir)
                    .isEmpty();
        }
    }

    /** What a kustomization installs that the chart must render: all but the Namespace and the CRDs. */
    private static List<HasMetadata> installedByHelm(List<HasMetadata> built) {
        assertThat(built).extracting(HasMetadata::getKind).contains("Namespace", "CustomResourceDefinition");
        return built.stream().filter(o -> !Set.of("Namespace", "CustomResourceDefinition").contains(o.getKind())).toList();
    }

    private static void assertSameObjects(List<HasMetadata> rendered, List<HasMetadata> expected) {
        assertThat(rendered).extracting(HasMetadata::getKind).as("the chart creates no namespace (helm --create-namespace "
                + "does), and installs its CRDs from crds/, not from templates").doesNotContain("Namespace",
                        "CustomResourceDefinition");
        assertThat(differences(rendered, expected)).as("differences between the chart and deploy/").isEmpty();
    }

    /**
     * Each difference as "Kind namespace/name /json/pointer: expected X, rendered Y" (expected: deploy/; rendered: the
     * chart); empty when equal.
     */
    static List<String> differences(List<HasMetadata> rendered, List<HasMetadata> expected) {
        Map<String, JsonNode> chart = trees(rendered);
        Map<String, JsonNode> deploy = trees(expected);
        List<String> found = new ArrayList<>();
        for (String id : new TreeSet<>(Stream.concat(chart.keySet().stream(), deploy.keySet().stream()).toList())) {
            if (!chart.containsKey(id)) {
                found.add(id + " expected, not rendered");
            } else if (!deploy.containsKey(id)) {
                found.add(id + " rendered, not expected");
            } else {
                difference(id + " ", deploy.get(id), chart.get(id), found);
            }
        }
        return found;
    }

    private static void difference(String path, JsonNode deploy, JsonNode chart, List<String> found) {
        if (Objects.equals(deploy, chart)) {
            return;
        }
        if (deploy != null && chart != null && deploy.isObject() && chart.isObject()) {
            Set<String> names = new TreeSet<>();
            deploy.fieldNames().forEachRemaining(names::add);
            chart.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> difference(path + "/" + name, deploy.get(name), chart.get(name), found));
        } else if (deploy != null && chart != null && deploy.isArray() && chart.isArray()) {
            if (deploy.size() == chart.size()) {
                for (int i = 0; i < deploy.size(); i++) {
                    difference(path + "/" + i, deploy.get(i), chart.get(i), found);
                }
            } else {
                List<JsonNode> onlyDeploy = new ArrayList<>();
                deploy.forEach(onlyDeploy::add);
                List<JsonNode> onlyChart = new ArrayList<>();
                chart.forEach(e -> {
                    if (!onlyDeploy.remove(e)) {
                        onlyChart.add(e);
                    }
                });
                found.add(path + ": only expected " + onlyDeploy + ", only rendered " + onlyChart);
            }
        } else if (deploy != null && chart != null && deploy.isTextual() && chart.isTextual()) {
            List<String> deployLines = deploy.asText().lines().toList();
            List<String> chartLines = chart.asText().lines().toList();
            int line = 0;
            while (line < Math.min(deployLines.size(), chartLines.size()) && deployLines.get(line).equals(chartLines.get(line))) {
                line++;
            }
            found.add(path + ", line " + (line + 1) + ": expected " + lineOf(deployLines, line) + ", rendered "
                    + lineOf(chartLines, line));
        } else {
            found.add(path + ": expected " + deploy + ", rendered " + chart);
        }
    }

    private static String lineOf(List<String> lines, int line) {
        return line < lines.size() ? "\"" + lines.get(line) + "\"" : "nothing (" + lines.size() + " lines)";
    }

    /** Each object as a JSON tree by its id, without Helm's labels (on the object and its pod template, not in selectors). */
    private static Map<String, JsonNode> trees(List<HasMetadata> objects) {
        Map<String, JsonNode> trees = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            JsonNode tree = Serialization.jsonMapper().valueToTree(object);
            withoutHelmLabels(tree.path("metadata"));
            withoutHelmLabels(tree.path("spec").path("template").path("metadata"));
            assertThat(trees.put(id(object), tree)).as("two objects " + id(object)).isNull();
        }
        return trees;
    }

    private static void withoutHelmLabels(JsonNode metadata) {
        if (metadata.path("labels") instanceof ObjectNode labels) {
            labels.remove(HELM_LABELS);
        }
    }

    /** The chart rendered as `helm template panstack deploy/helm/panstack-operator -n panstack-system -f values`. */
    static List<HasMetadata> render(Map<String, Object> values) throws IOException {
        Path file = Files.createTempFile("values", ".yaml");
        try {
            Files.writeString(file, Serialization.asYaml(values));
            String manifest = new Helm(CHART).template().withName("panstack").withNamespace(NAMESPACE).withValuesFile(file)
                    .call();
            return Kustomize.parsed(Serialization.unmarshal(manifest));
        } finally {
            Files.delete(file);
        }
    }

    private static List<HasMetadata> copy(List<HasMetadata> objects) {
        return objects.stream().map(Serialization::clone).collect(Collectors.toCollection(ArrayList::new));
    }

    private static Set<String> fileNames(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Container operator(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
