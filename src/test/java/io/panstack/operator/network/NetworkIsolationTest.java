package io.panstack.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Problem;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * Who can reach what once the stack's NetworkPolicies are in place, worked out with the NetworkPolicy rules
 * (a pod selected by a policy takes only what one of its rules lets in; rules add up).
 */
@Tag(Tiers.UNIT)
class NetworkIsolationTest {
    static final String NS = TestStacks.NAMESPACE;
    static final String STACK = TestStacks.NAME;
    static final Source RENDERER = Source.pod(NS, StackLabels.of(STACK, "renderer"));
    static final Source BACKUP_JOB = Source.pod(NS, StackLabels.of(STACK, "backup"));
    static final Source OTHER_STACK = Source.pod(NS, StackLabels.of("other", "dashboard"));
    static final Source OTHER_POD_SAME_NAMESPACE = Source.pod(NS, Map.of("app", "debug"));
    static final Source INGRESS_NGINX = Source.pod("ingress-nginx", Map.of("app", "controller"));
    static final Source LOAD_BALANCER = Source.ip("10.0.3.7");

    static Stack stack(String extra) {
        return TestStacks.withSpec("version: '2025_10.1'\n" + extra);
    }

    @Test
    void byDefaultOnlyTheDashboardsHttpPortIsOpenToOutsideTheStack() {
        Collection<NetworkPolicy> policies = NetworkIsolation.desired(stack("")).values();

        assertThat(allows(policies, "dashboard", 8224, LOAD_BALANCER)).isTrue();
        assertThat(allows(policies, "dashboard", 8224, OTHER_POD_SAME_NAMESPACE)).isTrue();
        assertThat(allows(policies, "dashboard", 28748, OTHER_POD_SAME_NAMESPACE)).as("the internal port").isFalse();
        for (String closed : new String[] { "renderer", "scheduler", "analytics", StackLabels.MARIADB }) {
            assertThat(allows(policies, closed, 3306, OTHER_POD_SAME_NAMESPACE)).as(closed).isFalse();
            assertThat(allows(policies, closed, 3306, OTHER_STACK)).as(closed + " from another stack").isFalse();
            assertThat(allows(policies, closed, 3306, INGRESS_NGINX)).as(closed).isFalse();
        }
        assertThat(allows(policies, "dashboard", 28748, OTHER_STACK)).isFalse();
    }

    @Test
    void theStacksOwnPodsReachEveryComponentAndTheDatabase() {
        Collection<NetworkPolicy> policies = NetworkIsolation.desired(stack("""
                excelReader: {enabled: true}
                adminer: {enabled: true}
                """)).values();

        for (String component : new String[] { "dashboard", "renderer", "scheduler", "analytics", "excel-reader",
                "adminer", StackLabels.MARIADB }) {
            assertThat(allows(policies, component, 9915, RENDERER)).as(component).isTrue();
        }
        assertThat(allows(policies, StackLabels.MARIADB, 3306, BACKUP_JOB)).as("backup and restore pods").isTrue();
        assertThat(allows(policies, "adminer", 8080, OTHER_POD_SAME_NAMESPACE)).isFalse();
    }

    @Test
    void dashboardFromNarrowsWhoElseMayReachTheDashboard() {
        Collection<NetworkPolicy> policies = NetworkIsolation.desired(stack("""
                networkPolicy:
                  dashboardFrom:
                    - namespace: ingress-nginx
                    - cidr: 10.0.0.0/16
                """)).values();

        assertThat(allows(policies, "dashboard", 8224, INGRESS_NGINX)).isTrue();
        assertThat(allows(policies, "dashboard", 8224, LOAD_BALANCER)).isTrue();
        assertThat(allows(policies, "dashboard", 8224, Source.ip("192.168.1.1"))).isFalse();
        assertThat(allows(policies, "dashboard", 8224, OTHER_POD_SAME_NAMESPACE)).isFalse();
        assertThat(allows(policies, "dashboard", 8224, RENDERER)).as("the stack's own pods still").isTrue();
        assertThat(allows(policies, "renderer", 9915, INGRESS_NGINX)).isFalse();
    }

    @Test
    void onePolicyPerComponentThatRunsNamedLikeItsServiceAndNoneWhenTurnedOff() {
        Map<String, NetworkPolicy> policies = NetworkIsolation.desired(stack("scheduler: {enabled: false}"));
        assertThat(policies).containsOnlyKeys("dashboard", "renderer", "analytics", StackLabels.MARIADB);
        assertThat(policies.get("dashboard").getMetadata().getName()).isEqualTo(STACK + "-dashboard");
        assertThat(policies.get(StackLabels.MARIADB).getMetadata().getName()).isEqualTo(STACK + "-mariadb");
        assertThat(policies.values()).allSatisfy(policy -> {
            assertThat(policy.getMetadata().getNamespace()).isEqualTo(NS);
            assertThat(policy.getMetadata().getLabels()).containsEntry(StackLabels.MANAGED_BY, StackLabels.OPERATOR);
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getEgress()).as("what the stack reaches is not restricted").isNullOrEmpty();
        });

        assertThat(NetworkIsolation.desired(stack("""
                database:
                  external:
                    host: db.example.com
                    credentialsSecretRef: {name: db}
                """))).doesNotContainKey(StackLabels.MARIADB);
        assertThat(NetworkIsolation.desired(stack("networkPolicy: {enabled: false}"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "10.0.0.0/16, true", "0.0.0.0/0, true", "192.168.1.7/32, true", "fd00::/8, true", "::/0, true",
            "2001:db8::1/128, true", "999.0.0.0/8, false", "10.0.0.0/33, false", "10.0.0/8, false",
            "fd00::/129, false", "1:::2/64, false", "10.0.0.0/, false" })
    void aRangeTheApiServerWouldRefuseStallsTheStack(String cidr, boolean valid) {
        assertThat(NetworkIsolation.isCidr(cidr)).isEqualTo(valid);
        Problem problem = NetworkIsolation.invalidSource(stack("networkPolicy: {dashboardFrom: [{cidr: '" + cidr + "'}]}"));
        assertThat(problem == null).isEqualTo(valid);
        if (problem != null) {
            assertThat(problem.reason()).isEqualTo("InvalidNetworkPolicy");
            assertThat(problem.message()).contains(cidr, "Nothing was changed");
        }
    }

    @Test
    void aBadRangeOfTheExportersScrapersNamesThatField() {
        Problem problem = NetworkIsolation.invalidSource(stack(
                "database: {inCluster: {metrics: {enabled: true, scrapedFrom: [{cidr: '10.0.0.0/33'}]}}}"));
        assertThat(problem.message()).startsWith("spec.database.inCluster.metrics.scrapedFrom has cidr 10.0.0.0/33");
    }

    @Test
    void withTheExporterOnlyTheListedScrapersReachItsPortAndNeverTheDatabase() {
        Collection<NetworkPolicy> policies = NetworkIsolation.desired(stack("""
                database: {inCluster: {metrics: {enabled: true, scrapedFrom: [{namespace: monitoring}]}}}
                """)).values();
        Source prometheus = Source.pod("monitoring", Map.of("app", "prometheus"));
        assertThat(allows(policies, StackLabels.MARIADB, 9104, prometheus)).isTrue();
        assertThat(allows(policies, StackLabels.MARIADB, 3306, prometheus)).isFalse();
        assertThat(allows(policies, StackLabels.MARIADB, 9104, INGRESS_NGINX)).as("another namespace").isFalse();
        assertThat(allows(policies, StackLabels.MARIADB, 9104, LOAD_BALANCER)).isFalse();
        assertThat(allows(NetworkIsolation.desired(stack("""
                database: {inCluster: {metrics: {enabled: true}}}
                """)).values(), StackLabels.MARIADB, 9104, prometheus)).as("no scrapedFrom: the stack's pods only")
                .isFalse();
        assertThat(allows(NetworkIsolation.desired(stack("")).values(), StackLabels.MARIADB, 9104, prometheus))
                .as("closed without the exporter").isFalse();
    }

    /** Whether traffic from source to port of the stack's component pods is let in. */
    static boolean allows(Collection<NetworkPolicy> policies, String component, int port, Source source) {
        Map<String, String> target = StackLabels.of(STACK, component);
        var selecting = policies.stream()
                .filter(policy -> matches(policy.getSpec().getPodSelector(), target)).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(policy -> policy.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule, port) && peerMatches(rule, source));
    }

    static boolean portMatches(NetworkPolicyIngressRule rule, int port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port);
    }

    static boolean peerMatches(NetworkPolicyIngressRule rule, Source source) {
        return rule.getFrom() == null || rule.getFrom().isEmpty()
                || rule.getFrom().stream().anyMatch(peer -> peerMatches(peer, source));
    }

    static boolean peerMatches(NetworkPolicyPeer peer, Source source) {
        if (peer.getIpBlock() != null) {
            return source.ip() != null && inRange(source.ip(), peer.getIpBlock().getCidr());
        }
        if (source.ip() != null) {
            return false;
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null ? source.namespace().equals(NS)
                : matches(peer.getNamespaceSelector(), Map.of(NetworkIsolation.NAMESPACE_NAME_LABEL, source.namespace()));
        return namespaceOk && (peer.getPodSelector() == null || matches(peer.getPodSelector(), source.labels()));
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean inRange(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : -1L << (32 - bits) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    record Source(String namespace, Map<String, String> labels, String ip) {
        static Source pod(String namespace, Map<String, String> labels) {
            return new Source(namespace, labels, null);
        }

        static Source ip(String ip) {
            return new Source(null, Map.of(), ip);
        }
    }
}
