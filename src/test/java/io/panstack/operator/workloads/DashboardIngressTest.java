package io.panstack.operator.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The Ingress users reach the dashboard through. */
@Tag(Tiers.UNIT)
class DashboardIngressTest {
    static final String NGINX = "nginx.ingress.kubernetes.io/";

    static final Stack ONE_DASHBOARD = TestStacks.withSpec("""
            version: '2025_10.1'
            externalUrl: https://bi.example.com
            ingress:
              enabled: true
              className: nginx
            """);

    static final Stack HA = TestStacks.withSpec("""
            version: '2025_10.1'
            externalUrl: https://bi.example.com/
            ingress:
              enabled: true
              className: nginx
              tlsSecretName: bi-example-com-tls
              annotations:
                cert-manager.io/cluster-issuer: letsencrypt
                nginx.ingress.kubernetes.io/session-cookie-name: CORP_ROUTE
            dashboard:
              replicas: 2
            files:
              persistentVolume:
                accessMode: ReadWriteMany
            """);

    @Test
    void isNamedAfterTheStack() {
        Ingress ingress = DashboardIngress.desired(ONE_DASHBOARD);

        assertThat(ingress.getMetadata().getName()).isEqualTo("bi");
        assertThat(ingress.getMetadata().getNamespace()).isEqualTo("analytics");
        assertThat(ingress.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "panstack-operator")
                .containsEntry("app.kubernetes.io/instance", "bi");
    }

    @Test
    void routesEverythingOnTheExternalHostToTheDashboardsMainPort() {
        Ingress ingress = DashboardIngress.desired(ONE_DASHBOARD);

        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("bi.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo("bi-dashboard");
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
                assertThat(path.getBackend().getService().getPort().getNumber()).isNull();
            });
        });
    }

    /** The internal port 28748 is "don't expose it" (panintelligence.md 1.2): the backend must be the main port. */
    @Test
    void backendPortIsTheDashboardServicesMainPort() {
        HTTPIngressPath path = DashboardIngress.desired(ONE_DASHBOARD).getSpec().getRules().get(0).getHttp()
                .getPaths().get(0);
        var service = StackService.forComponent(ONE_DASHBOARD, Component.DASHBOARD);

        assertThat(service.getSpec().getPorts())
                .filteredOn(port -> port.getName().equals(path.getBackend().getService().getPort().getName()))
                .singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(8224));
    }

    @Test
    void hostIgnoresTheExternalUrlsPortAndTrailingSlash() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                externalUrl: http://bi.local:8080/
                ingress:
                  enabled: true
                """);

        assertThat(DashboardIngress.desired(stack).getSpec().getRules()).extracting(IngressRule::getHost)
                .containsExactly("bi.local");
    }

    @Test
    void usesTheIngressClassFromTheSpec() {
        assertThat(DashboardIngress.desired(ONE_DASHBOARD).getSpec().getIngressClassName()).isEqualTo("nginx");
    }

    @Test
    void leavesTheClassToTheClusterDefaultWhenUnset() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                externalUrl: https://bi.example.com
                ingress:
                  enabled: true
                """);

        assertThat(DashboardIngress.desired(stack).getSpec().getIngressClassName()).isNull();
    }

    @Test
    void terminatesTlsForTheHostWithTheNamedSecret() {
        assertThat(DashboardIngress.desired(HA).getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("bi.example.com");
            assertThat(tls.getSecretName()).isEqualTo("bi-example-com-tls");
        });
    }

    @Test
    void noTlsBlockWithoutATlsSecret() {
        assertThat(DashboardIngress.desired(ONE_DASHBOARD).getSpec().getTls()).isNullOrEmpty();
    }

    /** Sessions live in one dashboard's memory: ingress-nginx pins each browser to one replica. */
    @Test
    void severalDashboardsGetCookieAffinity() {
        Map<String, String> annotations = DashboardIngress.desired(HA).getMetadata().getAnnotations();

        assertThat(annotations).containsEntry(NGINX + "affinity", "cookie")
                .containsEntry(NGINX + "affinity-mode", "persistent")
                .containsKey(NGINX + "session-cookie-max-age");
    }

    @Test
    void userAnnotationsAreAdded() {
        assertThat(DashboardIngress.desired(HA).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    }

    @Test
    void userAnnotationsWinOverTheOperatorsOwn() {
        assertThat(DashboardIngress.desired(HA).getMetadata().getAnnotations())
                .containsEntry(NGINX + "session-cookie-name", "CORP_ROUTE");
    }

    @Test
    void oneDashboardGetsNoAffinityAnnotations() {
        Map<String, String> annotations = DashboardIngress.desired(ONE_DASHBOARD).getMetadata().getAnnotations();

        assertThat(annotations == null ? Map.<String, String>of() : annotations).isEmpty();
    }

    @Test
    void oneDashboardKeepsOnlyTheUsersAnnotations() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                externalUrl: https://bi.example.com
                ingress:
                  enabled: true
                  annotations:
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "300"
                """);

        assertThat(DashboardIngress.desired(stack).getMetadata().getAnnotations())
                .isEqualTo(Map.of(NGINX + "proxy-read-timeout", "300"));
    }
}
