package io.panstack.operator.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.panstack.operator.database.MariaDb;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The in-cluster Services the components find each other through. */
@Tag(Tiers.UNIT)
class StackServiceTest {
    static final String STICKY = "traefik.ingress.kubernetes.io/service.sticky.cookie";

    static final Stack HA = TestStacks.withSpec("""
            version: '2025_10.1'
            dashboard:
              replicas: 2
            files:
              persistentVolume:
                accessMode: ReadWriteMany
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "DASHBOARD, bi-dashboard", "RENDERER, bi-renderer", "SCHEDULER, bi-scheduler",
            "ANALYTICS, bi-analytics", "EXCEL_READER, bi-excel-reader", "ADMINER, bi-adminer" })
    void isAClusterIpServiceNamedLikeTheDeployment(Component component, String name) {
        Service service = StackService.forComponent(TestStacks.minimal(), component);

        assertThat(service.getMetadata().getName()).isEqualTo(name);
        assertThat(service.getMetadata().getNamespace()).isEqualTo("analytics");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "panstack-operator")
                .containsEntry("app.kubernetes.io/instance", "bi");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Component.class)
    void selectsExactlyTheComponentsPods(Component component) {
        Service service = StackService.forComponent(TestStacks.minimal(), component);

        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "panintelligence",
                "app.kubernetes.io/instance", "bi",
                "app.kubernetes.io/component", component.id()));
        assertThat(TestStacks.deployment(TestStacks.minimal(), component).getSpec().getTemplate().getMetadata()
                .getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
    }

    /** Service names are the hosts the dashboard's module URLs and the scheduler use (panintelligence.md 2.1). */
    @Test
    void dashboardServiceOffersTheMainAndInternalPorts() {
        Service service = StackService.forComponent(TestStacks.minimal(), Component.DASHBOARD);

        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(tuple("http", 8224), tuple("internal", 28748));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "RENDERER, 9915", "SCHEDULER, 9917", "ANALYTICS, 9918", "EXCEL_READER, 9916", "ADMINER, 8080" })
    void otherServicesOfferTheirVendorPort(Component component, int port) {
        Service service = StackService.forComponent(TestStacks.minimal(), component);

        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(tuple("http", port));
    }

    /** Targeting ports by name keeps the Service right if a container port ever moves. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Component.class)
    void targetsContainerPortsByName(Component component) {
        Service service = StackService.forComponent(TestStacks.minimal(), component);
        var containerPorts = TestStacks.container(TestStacks.minimal(), component).getPorts().stream()
                .map(ContainerPort::getName).toList();

        assertThat(service.getSpec().getPorts()).allSatisfy(port -> {
            assertThat(port.getTargetPort()).isEqualTo(new IntOrString(port.getName()));
            assertThat(containerPorts).contains(port.getName());
            assertThat(port.getProtocol()).isEqualTo("TCP");
        });
    }

    /** A Pi session lives in one dashboard's memory: with several, a client must keep hitting the same one. */
    @Test
    void severalDashboardsGetStickySessions() {
        Service service = StackService.forComponent(HA, Component.DASHBOARD);

        assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        assertThat(service.getMetadata().getAnnotations()).containsEntry(STICKY, "true");
    }

    @Test
    void oneDashboardNeedsNoStickySessions() {
        Service service = StackService.forComponent(TestStacks.minimal(), Component.DASHBOARD);

        assertThat(service.getSpec().getSessionAffinity()).isNotEqualTo("ClientIP");
        assertThat(service.getMetadata().getAnnotations()).doesNotContainKey(STICKY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = "DASHBOARD", mode = EnumSource.Mode.EXCLUDE)
    void otherServicesAreNeverSticky(Component component) {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                dashboard:
                  replicas: 2
                renderer:
                  replicas: 3
                analytics:
                  replicas: 3
                files:
                  persistentVolume:
                    accessMode: ReadWriteMany
                """);
        Service service = StackService.forComponent(stack, component);

        assertThat(service.getSpec().getSessionAffinity()).isNotEqualTo("ClientIP");
        assertThat(service.getMetadata().getAnnotations()).doesNotContainKey(STICKY);
    }

    @Test
    void mariaDbServiceIsNamedForTheDashboardsDatabaseHost() {
        Service service = StackService.forMariaDb(TestStacks.minimal());

        assertThat(service.getMetadata().getName()).isEqualTo("bi-mariadb");
        assertThat(service.getMetadata().getNamespace()).isEqualTo("analytics");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(3306);
            assertThat(port.getTargetPort()).isEqualTo(new IntOrString(port.getName()));
        });
    }

    @Test
    void mariaDbServiceSelectsTheStatefulSetsPod() {
        Service service = StackService.forMariaDb(TestStacks.minimal());
        StatefulSet mariadb = MariaDb.desired(TestStacks.minimal());

        assertThat(service.getSpec().getSelector()).isNotEmpty();
        assertThat(mariadb.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(mariadb.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .extracting(ContainerPort::getName)
                .contains(service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    }

    @Test
    void mariaDbServiceDoesNotSelectPiPods() {
        Map<String, String> selector = StackService.forMariaDb(TestStacks.minimal()).getSpec().getSelector();

        for (Component component : Component.values()) {
            Map<String, String> podLabels = TestStacks.deployment(TestStacks.minimal(), component).getSpec()
                    .getTemplate().getMetadata().getLabels();
            assertThat(podLabels.entrySet().containsAll(selector.entrySet())).as(component.id()).isFalse();
        }
    }
}
