package io.panstack.operator.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.panstack.operator.api.v1alpha1.DatabaseMetricsSpec;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.NetworkPeerSpec;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.PiPaths;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Problem;

/**
 * The stack's NetworkPolicies, one per component that runs (and one for the in-cluster MariaDB), named like its
 * Service. Each lets in the stack's own pods (Pi, adminer, backup, restore and seeding pods carry the stack's name and
 * instance labels); the dashboard's also lets in spec.networkPolicy.dashboardFrom, on its HTTP port only. Ingress
 * only: what the stack's pods reach (RDS, S3, EFS, the licence server) is not restricted. Pure.
 */
public final class NetworkIsolation {
    /** Namespaces carry their name in this label (set by the API server since Kubernetes 1.21). */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private NetworkIsolation() {
    }

    /** The policies by component label; none when spec.networkPolicy.enabled is false. */
    public static Map<String, NetworkPolicy> desired(Stack stack) {
        Map<String, NetworkPolicy> desired = new LinkedHashMap<>();
        if (!stack.spec().getNetworkPolicy().enabled()) {
            return desired;
        }
        if (stack.database().mode() == DatabaseMode.InCluster) {
            List<NetworkPolicyIngressRule> rules = new ArrayList<>(List.of(fromStackPods(stack)));
            DatabaseMetricsSpec metrics = stack.spec().getDatabase().inClusterOrDefault().getMetrics();
            if (metrics.enabled() && !metrics.scrapers().isEmpty()) {
                // Prometheus, from where the spec says only: the exporter's /probe logs in wherever it is told to.
                rules.add(new NetworkPolicyIngressRuleBuilder().addNewPort().withProtocol("TCP")
                        .withPort(new IntOrString(DatabaseMetricsSpec.PORT)).endPort()
                        .withFrom(metrics.scrapers().stream().map(NetworkIsolation::peer).toList()).build());
            }
            desired.put(StackLabels.MARIADB, policy(stack, stack.names().mariadb(), StackLabels.MARIADB, rules));
        }
        for (Component component : Component.values()) {
            if (component.enabledIn(stack.spec())) {
                List<NetworkPolicyIngressRule> rules = new ArrayList<>(List.of(fromStackPods(stack)));
                if (component == Component.DASHBOARD) {
                    rules.add(dashboardFromOutside(stack));
                }
                desired.put(component.id(), policy(stack, stack.names().component(component), component.id(), rules));
            }
        }
        return desired;
    }

    /**
     * What the schema's pattern lets through but the API server would refuse in a NetworkPolicy (999.0.0.0/8,
     * 10.0.0.0/33), so that it stalls the stack with a message instead of failing every write.
     */
    public static Problem invalidSource(Stack stack) {
        Problem dashboard = invalidSource("spec.networkPolicy.dashboardFrom",
                stack.spec().getNetworkPolicy().dashboardSources());
        return dashboard != null ? dashboard : invalidSource("spec.database.inCluster.metrics.scrapedFrom",
                stack.spec().getDatabase().inClusterOrDefault().getMetrics().scrapers());
    }

    private static Problem invalidSource(String field, List<NetworkPeerSpec> sources) {
        for (NetworkPeerSpec source : sources) {
            if (source.getCidr() != null && !isCidr(source.getCidr())) {
                return new Problem("InvalidNetworkPolicy", field + " has cidr " + source.getCidr()
                        + ", which is no IP range: use an address and a prefix length, e.g. 10.0.0.0/16 (IPv4, at most"
                        + " /32) or fd00::/8 (IPv6, at most /128). Nothing was changed.");
            }
        }
        return null;
    }

    static boolean isCidr(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,3}")) {
            return false;
        }
        int prefix = Integer.parseInt(parts[1]);
        if (parts[0].contains(":")) {
            // A literal with a colon is parsed as IPv6, never looked up in DNS.
            try {
                return parts[0].matches("[0-9a-fA-F:.]+") && InetAddress.getByName(parts[0]) instanceof Inet6Address
                        && prefix <= 128;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String[] octets = parts[0].split("\\.", -1);
        return octets.length == 4 && prefix <= 32 && Arrays.stream(octets)
                .allMatch(octet -> octet.matches("[0-9]{1,3}") && Integer.parseInt(octet) <= 255);
    }

    private static NetworkPolicy policy(Stack stack, String name, String component, List<NetworkPolicyIngressRule> rules) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(StackLabels.selector(stack.name(), component)).build())
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build();
    }

    /** Any port, from any pod of this stack (not from other stacks of the namespace). */
    private static NetworkPolicyIngressRule fromStackPods(Stack stack) {
        return new NetworkPolicyIngressRuleBuilder().addNewFrom()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(StackLabels.stackPods(stack.name())).build())
                .endFrom().build();
    }

    /** The dashboard's HTTP port, from the sources listed, or from anywhere when none are. */
    private static NetworkPolicyIngressRule dashboardFromOutside(Stack stack) {
        List<NetworkPolicyPeer> peers = stack.spec().getNetworkPolicy().dashboardSources().stream()
                .map(NetworkIsolation::peer).toList();
        return new NetworkPolicyIngressRuleBuilder()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(PiPaths.DASHBOARD_PORT)).endPort()
                .withFrom(peers)
                .build();
    }

    private static NetworkPolicyPeer peer(NetworkPeerSpec source) {
        if (source.getCidr() != null) {
            return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(source.getCidr()).endIpBlock().build();
        }
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder()
                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, source.getNamespace())).build()).build();
    }
}
