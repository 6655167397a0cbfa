package io.panstack.operator.workloads;

import static io.panstack.operator.testsupport.TestStacks.container;
import static io.panstack.operator.testsupport.TestStacks.deployment;
import static io.panstack.operator.testsupport.TestStacks.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * The Deployment of each component, as a cluster admin would read it with kubectl. Vendor facts (images, ports,
 * health paths) follow shared/reference/panintelligence.md section 1.
 */
@Tag(Tiers.UNIT)
class ComponentDeploymentTest {

    /** Every optional component on, images from a mirror, a pull secret. */
    static final Stack FULL = TestStacks.withSpec("""
            version: '2025_10.1'
            registry: registry.example.com/mirror
            imagePullSecrets:
              - name: pi-registry
            excelReader:
              enabled: true
            adminer:
              enabled: true
            """);

    /** What each component must look like (panintelligence.md 1.1 images, 1.2 ports and health checks). */
    record Expected(Component component, String id, String image, Map<String, Integer> ports, String healthPath,
            int healthPort) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Expected> components() {
        String tag = ":2025_10.1";
        String registry = "registry.example.com/mirror/";
        return Stream.of(
                new Expected(Component.DASHBOARD, "dashboard", registry + "server" + tag,
                        Map.of("http", 8224, "internal", 28748), "/pi/version", 8224),
                new Expected(Component.RENDERER, "renderer", registry + "renderer" + tag,
                        Map.of("http", 9915), "/version", 9915),
                new Expected(Component.SCHEDULER, "scheduler", registry + "scheduler" + tag,
                        Map.of("http", 9917), "/version", 9917),
                new Expected(Component.ANALYTICS, "analytics", registry + "pirana" + tag,
                        Map.of("http", 9918), "/version", 9918),
                // No vendor health check for the excel reader (1.2): TCP only.
                new Expected(Component.EXCEL_READER, "excel-reader", registry + "excel-reader" + tag,
                        Map.of("http", 9916), null, 9916),
                new Expected(Component.ADMINER, "adminer", "adminer:4.8.1",
                        Map.of("http", 8080), "/", 8080));
    }

    @Test
    void expectationsCoverEveryComponent() {
        assertThat(components().map(Expected::component)).containsExactlyInAnyOrder(Component.values());
    }

    @Nested
    class Identity {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void isNamedAfterTheStackAndComponentInTheStacksNamespace(Expected expected) {
            Deployment deployment = deployment(FULL, expected.component());

            assertThat(deployment.getMetadata().getName()).isEqualTo("bi-" + expected.id());
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo("analytics");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void carriesTheStandardLabels(Expected expected) {
            Map<String, String> labels = deployment(FULL, expected.component()).getMetadata().getLabels();

            assertThat(labels)
                    .containsEntry("app.kubernetes.io/name", "panintelligence")
                    .containsEntry("app.kubernetes.io/instance", "bi")
                    .containsEntry("app.kubernetes.io/component", expected.id())
                    .containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Component.class, names = "ADMINER", mode = EnumSource.Mode.EXCLUDE)
        void piComponentsAreLabelledWithThePiVersion(Component component) {
            Deployment deployment = deployment(FULL, component);

            assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "2025_10.1");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/version", "2025_10.1");
        }

        @Test
        void adminerIsNotLabelledWithThePiVersionItDoesNotRun() {
            Deployment deployment = deployment(FULL, Component.ADMINER);

            assertThat(deployment.getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/version");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .doesNotContainKey("app.kubernetes.io/version");
        }

        /** A Deployment's selector is immutable: anything that changes on upgrade (the version) must stay out of it. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void selectorIsNameInstanceAndComponentOnly(Expected expected) {
            Deployment deployment = deployment(FULL, expected.component());

            assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(
                    "app.kubernetes.io/name", "panintelligence",
                    "app.kubernetes.io/instance", "bi",
                    "app.kubernetes.io/component", expected.id()));
            assertThat(deployment.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void selectorMatchesThePodTemplate(Expected expected) {
            Deployment deployment = deployment(FULL, expected.component());

            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }

        @Test
        void upgradingThePiVersionKeepsTheSelector() {
            Stack upgraded = TestStacks.withSpec("version: '2026_01'");

            assertThat(deployment(upgraded, Component.DASHBOARD).getSpec().getSelector())
                    .isEqualTo(deployment(TestStacks.minimal(), Component.DASHBOARD).getSpec().getSelector());
        }

        /**
         * spec.version is both the image tag and the value of the version label. A label value must be at most 63
         * characters and start and end with a letter or digit, or the API server rejects the whole Deployment, so
         * the CRD only accepts versions that are valid labels, and still every tag form the vendor uses.
         */
        @Test
        void everyVersionTheCrdAcceptsMakesAValidVersionLabel() throws NoSuchFieldException {
            var field = PanStackSpec.class.getDeclaredField("version");
            String crdPattern = field.getAnnotation(Pattern.class).value();
            long crdMaxLength = field.getAnnotation(Size.class).max();
            String labelValue = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
            List<String> vendorTags = List.of("2025_10.1", "2024_08", "2021_01_28", "latest");
            List<String> candidates = new java.util.ArrayList<>(vendorTags);
            candidates.addAll(List.of("2025_10.1_", "2025_10.", "_2025_10", "2025_10.1-" + "x".repeat(60), "v1", "a"));

            List<String> accepted = candidates.stream()
                    .filter(v -> v.matches(crdPattern) && v.length() <= crdMaxLength).toList();
            assertThat(accepted).containsAll(vendorTags).doesNotContain("2025_10.1_", "2025_10.", "_2025_10");
            for (String version : accepted) {
                String label = deployment(TestStacks.withSpec("version: '" + version + "'"), Component.DASHBOARD)
                        .getMetadata().getLabels().get("app.kubernetes.io/version");
                assertThat(label).as("version label for %s", version).matches(labelValue).hasSizeLessThanOrEqualTo(63);
            }
        }
    }

    @Nested
    class Images {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void runsTheComponentsImage(Expected expected) {
            assertThat(container(FULL, expected.component()).getImage()).isEqualTo(expected.image());
        }

        @Test
        void piImagesDefaultToTheVendorsRegistry() {
            assertThat(container(TestStacks.minimal(), Component.DASHBOARD).getImage())
                    .isEqualTo("ghcr.io/pi-cr/server:2025_10.1");
            assertThat(container(TestStacks.minimal(), Component.ANALYTICS).getImage())
                    .isEqualTo("ghcr.io/pi-cr/pirana:2025_10.1");
        }

        @Test
        void adminerImageComesFromTheSpec() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    adminer:
                      enabled: true
                      image: registry.example.com/adminer:5.0.0
                    """);

            assertThat(container(stack, Component.ADMINER).getImage()).isEqualTo("registry.example.com/adminer:5.0.0");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Component.class, names = "ADMINER", mode = EnumSource.Mode.EXCLUDE)
        void piComponentsUseThePullSecrets(Component component) {
            assertThat(pod(FULL, component).getImagePullSecrets()).extracting("name").containsExactly("pi-registry");
        }

        @Test
        void adminerIsPublicAndGetsNoPullSecrets() {
            assertThat(pod(FULL, Component.ADMINER).getImagePullSecrets()).isNullOrEmpty();
        }

        /** Server-side apply keys the list by name: a name twice, or an entry without one, would fail every apply. */
        @Test
        void eachPullSecretOnceAndOnlyNamedOnes() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    imagePullSecrets: [{name: pi-registry}, {name: mirror}, {name: pi-registry}, {}]
                    """);
            assertThat(pod(stack, Component.DASHBOARD).getImagePullSecrets()).extracting("name")
                    .containsExactly("pi-registry", "mirror");
        }

        @Test
        void noPullSecretsWhenNoneAreSet() {
            assertThat(pod(TestStacks.minimal(), Component.DASHBOARD).getImagePullSecrets()).isNullOrEmpty();
        }
    }

    @Nested
    class Ports {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void exposesTheVendorsPortsByName(Expected expected) {
            List<ContainerPort> ports = container(FULL, expected.component()).getPorts();

            assertThat(ports).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .containsExactlyInAnyOrderElementsOf(expected.ports().entrySet().stream()
                            .map(port -> tuple(port.getKey(), port.getValue())).toList());
            assertThat(ports).extracting(ContainerPort::getProtocol).containsOnly("TCP");
        }

        @Test
        void dashboardMainPortComesFirst() {
            assertThat(container(FULL, Component.DASHBOARD).getPorts()).extracting(ContainerPort::getContainerPort)
                    .containsExactly(8224, 28748);
        }
    }

    @Nested
    class HealthProbes {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void startupReadinessAndLivenessAllCheckTheVendorsHealthEndpoint(Expected expected) {
            Container container = container(FULL, expected.component());

            for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(),
                    container.getLivenessProbe())) {
                assertThat(probe).isNotNull();
                if (expected.healthPath() != null) {
                    assertThat(probe.getHttpGet()).isNotNull();
                    assertThat(probe.getHttpGet().getPath()).isEqualTo(expected.healthPath());
                    assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString(expected.healthPort()));
                    assertThat(probe.getTcpSocket()).isNull();
                } else {
                    assertThat(probe.getTcpSocket()).isNotNull();
                    assertThat(probe.getTcpSocket().getPort()).isEqualTo(new IntOrString(expected.healthPort()));
                    assertThat(probe.getHttpGet()).isNull();
                }
                assertThat(probe.getExec()).isNull();
            }
        }

        /** Readiness follows the vendor's ALB target groups: 15 s interval, 5 s timeout, 2 failures (ATM, 1.2). */
        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void readinessFollowsTheVendorsLoadBalancerTimings(Component component) {
            Probe readiness = container(FULL, component).getReadinessProbe();

            assertThat(readiness.getPeriodSeconds()).isEqualTo(15);
            assertThat(readiness.getTimeoutSeconds()).isEqualTo(5);
            assertThat(readiness.getFailureThreshold()).isEqualTo(2);
        }

        /** Tomcat plus creating the repository schema on first start: the dashboard gets at least 10 minutes. */
        @Test
        void dashboardMayTakeAtLeastTenMinutesToStart() {
            assertThat(startupBudgetSeconds(Component.DASHBOARD)).isGreaterThanOrEqualTo(600);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Component.class, names = "DASHBOARD", mode = EnumSource.Mode.EXCLUDE)
        void dashboardMayTakeLongerToStartThanAnyOtherComponent(Component component) {
            assertThat(startupBudgetSeconds(Component.DASHBOARD)).isGreaterThan(startupBudgetSeconds(component));
            assertThat(startupBudgetSeconds(component)).isPositive();
        }

        /** A liveness probe quicker to act than readiness would restart a pod before it is even taken out of service. */
        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void livenessIsMorePatientThanReadiness(Component component) {
            Container container = container(FULL, component);

            assertThat(budgetSeconds(container.getLivenessProbe()))
                    .isGreaterThan(budgetSeconds(container.getReadinessProbe()));
        }

        private static int startupBudgetSeconds(Component component) {
            return budgetSeconds(container(FULL, component).getStartupProbe());
        }

        private static int budgetSeconds(Probe probe) {
            return probe.getFailureThreshold() * probe.getPeriodSeconds();
        }
    }

    @Nested
    class Security {

        /** Service links would add *_PORT variables that can clash with PI_* settings (panintelligence.md 2.4). */
        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void serviceLinksAreOff(Component component) {
            assertThat(pod(FULL, component).getEnableServiceLinks()).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void podsUseTheRuntimeDefaultSeccompProfile(Component component) {
            assertThat(pod(FULL, component).getSecurityContext().getSeccompProfile().getType())
                    .isEqualTo("RuntimeDefault");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void noContainerMayEscalatePrivileges(Component component) {
            var pod = pod(FULL, component);
            List<Container> all = Stream.concat(pod.getContainers().stream(),
                    pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();

            assertThat(all).isNotEmpty().allSatisfy(container ->
                    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                            .as(container.getName()).isFalse());
        }

        @Test
        void adminerDropsAllCapabilities() {
            assertThat(container(FULL, Component.ADMINER).getSecurityContext().getCapabilities().getDrop())
                    .containsExactly("ALL");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void noContainerIsPrivileged(Component component) {
            var context = container(FULL, component).getSecurityContext();

            assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(context.getCapabilities() == null ? List.of() : context.getCapabilities().getAdd())
                    .isNullOrEmpty();
        }
    }

    @Nested
    class ReplicasAndRollout {

        static final Stack SCALED = TestStacks.withSpec("""
                version: '2025_10.1'
                dashboard:
                  replicas: 3
                renderer:
                  replicas: 2
                analytics:
                  replicas: 4
                excelReader:
                  enabled: true
                  replicas: 5
                adminer:
                  enabled: true
                files:
                  persistentVolume:
                    accessMode: ReadWriteMany
                """);

        @Test
        void replicasComeFromTheSpec() {
            assertThat(deployment(SCALED, Component.DASHBOARD).getSpec().getReplicas()).isEqualTo(3);
            assertThat(deployment(SCALED, Component.RENDERER).getSpec().getReplicas()).isEqualTo(2);
            assertThat(deployment(SCALED, Component.ANALYTICS).getSpec().getReplicas()).isEqualTo(4);
            assertThat(deployment(SCALED, Component.EXCEL_READER).getSpec().getReplicas()).isEqualTo(5);
        }

        /** Unset replicas are not the operator's: ComponentDeployments makes them 1 at creation, then keeps them. */
        @Test
        void replicasLeftUnsetAreNotPartOfTheDesiredStateButTheSingletonsAreOne() {
            for (Component component : List.of(Component.DASHBOARD, Component.RENDERER, Component.ANALYTICS,
                    Component.EXCEL_READER)) {
                assertThat(deployment(TestStacks.minimal(), component).getSpec().getReplicas()).as(component.id()).isNull();
            }
            assertThat(deployment(TestStacks.minimal(), Component.SCHEDULER).getSpec().getReplicas()).isEqualTo(1);
            assertThat(deployment(TestStacks.minimal(), Component.ADMINER).getSpec().getReplicas()).isEqualTo(1);
        }

        @Test
        void autoscaledReplicasAreTheHpasAndASuspendedStackRunsNone() {
            Stack autoscaled = TestStacks.withSpec("""
                    version: '2025_10.1'
                    renderer:
                      autoscaling: {minReplicas: 2, maxReplicas: 6}
                    """);
            assertThat(deployment(autoscaled, Component.RENDERER).getSpec().getReplicas()).isNull();
            Stack suspended = TestStacks.withSpec("""
                    version: '2025_10.1'
                    suspend: true
                    renderer:
                      autoscaling: {minReplicas: 2, maxReplicas: 6}
                    """);
            assertThat(deployment(suspended, Component.RENDERER).getSpec().getReplicas()).isZero();
            assertThat(deployment(suspended, Component.DASHBOARD).getSpec().getReplicas()).isZero();
        }

        /** Two schedulers would send a scheduled report twice. */
        @Test
        void schedulerAlwaysRunsOnceAndIsRecreatedNotRolled() {
            Deployment scheduler = deployment(SCALED, Component.SCHEDULER);

            assertThat(scheduler.getSpec().getReplicas()).isEqualTo(1);
            assertThat(scheduler.getSpec().getStrategy().getType()).isEqualTo("Recreate");
            assertThat(scheduler.getSpec().getStrategy().getRollingUpdate()).isNull();
        }

        @Test
        void adminerAlwaysRunsOnce() {
            assertThat(deployment(SCALED, Component.ADMINER).getSpec().getReplicas()).isEqualTo(1);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Component.class, names = "SCHEDULER", mode = EnumSource.Mode.EXCLUDE)
        void othersRollOneNewPodAtATimeWithoutLosingCapacity(Component component) {
            DeploymentStrategy strategy = deployment(SCALED, component).getSpec().getStrategy();

            assertThat(strategy.getType()).isEqualTo("RollingUpdate");
            assertThat(strategy.getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));
            assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        }
    }

    @Nested
    class Resources {

        @Test
        void dashboardDefaultsToTheVendorsTwoGibibyteTask() {
            var resources = container(TestStacks.minimal(), Component.DASHBOARD).getResources();

            assertThat(resources.getRequests()).containsEntry("memory", new Quantity("2Gi"))
                    .containsEntry("cpu", new Quantity("500m"));
            assertThat(resources.getLimits()).containsEntry("memory", new Quantity("2Gi"));
        }

        @Test
        void schedulerDefaultsToTheVendorsSmallTask() {
            var resources = container(TestStacks.minimal(), Component.SCHEDULER).getResources();

            assertThat(resources.getLimits()).containsEntry("memory", new Quantity("512Mi"));
        }

        /** CPU limits throttle the JVMs; memory requests and limits match so they are not evicted first. */
        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void everyComponentHasDefaultRequestsAndAMemoryLimit(Component component) {
            var resources = container(TestStacks.minimal(), component).getResources();

            assertThat(resources.getRequests()).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).containsKey("memory").doesNotContainKey("cpu");
        }

        @Test
        void resourcesFromTheSpecReplaceTheDefaults() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    dashboard:
                      resources:
                        requests: {cpu: "2", memory: 6Gi}
                        limits: {cpu: "4", memory: 8Gi}
                    renderer:
                      resources:
                        requests: {cpu: 100m, memory: 3Gi}
                    """);

            var dashboard = container(stack, Component.DASHBOARD).getResources();
            assertThat(dashboard.getRequests()).isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("6Gi")));
            assertThat(dashboard.getLimits()).isEqualTo(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")));
            var renderer = container(stack, Component.RENDERER).getResources();
            assertThat(renderer.getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("3Gi")));
            assertThat(renderer.getLimits()).isNullOrEmpty();
        }
    }

    @Nested
    class Spreading {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.panstack.operator.workloads.ComponentDeploymentTest#components")
        void podsSpreadSoftlyOverZonesAndNodes(Expected expected) {
            List<TopologySpreadConstraint> spread = pod(FULL, expected.component()).getTopologySpreadConstraints();

            assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey)
                    .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(spread).allSatisfy(constraint -> {
                assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                assertThat(constraint.getMaxSkew()).isEqualTo(1);
                assertThat(constraint.getLabelSelector().getMatchLabels()).isEqualTo(Map.of(
                        "app.kubernetes.io/name", "panintelligence",
                        "app.kubernetes.io/instance", "bi",
                        "app.kubernetes.io/component", expected.id()));
            });
        }
    }

    @Test
    void sameSpecGivesTheSameDeployment() {
        for (Component component : Component.values()) {
            assertThat(deployment(FULL, component)).as(component.id()).isEqualTo(deployment(FULL, component));
        }
    }

    /** An external database is checked before the dashboard starts against it; the operator's own are set up right. */
    @org.junit.jupiter.api.Test
    void anExternalDatabaseIsCheckedBeforeTheDashboardStarts() {
        Stack external = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  external:
                    host: db.example.com
                    credentialsSecretRef:
                      name: pi-db-login
                """);
        io.fabric8.kubernetes.api.model.PodSpec dashboard = pod(external, Component.DASHBOARD);
        assertThat(dashboard.getInitContainers()).extracting(c -> c.getName()).first().isEqualTo("check-database");
        io.fabric8.kubernetes.api.model.Container check = dashboard.getInitContainers().get(0);
        assertThat(check.getEnv()).filteredOn(e -> e.getName().equals("MYSQL_PWD")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).as("the password only by reference").isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pi-db-login");
                });
        assertThat(check.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod(external, Component.SCHEDULER).getInitContainers()).isEmpty();
        assertThat(pod(TestStacks.minimal(), Component.DASHBOARD).getInitContainers())
                .noneMatch(c -> c.getName().equals("check-database"));
        Stack unchecked = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  external:
                    host: db.example.com
                    checkSettings: false
                    credentialsSecretRef:
                      name: pi-db-login
                """);
        assertThat(pod(unchecked, Component.DASHBOARD).getInitContainers()).as("checkSettings: false")
                .noneMatch(c -> c.getName().equals("check-database"));
    }
}
