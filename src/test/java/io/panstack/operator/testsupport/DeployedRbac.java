package io.panstack.operator.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The permissions deploy/base/rbac.yaml grants, and the RBAC question an API server asks of a request: which verb, on
 * which API group, resource and subresource, in which namespace. The ClusterRole holds everywhere; the Role only in
 * the operator's own namespace (where deploy/ binds it). Enough of RBAC to judge the operator's requests (no
 * resourceNames, no aggregation: deploy/ uses neither).
 */
public final class DeployedRbac {
    public static final Path RBAC = Path.of("deploy", "base", "rbac.yaml");

    private final List<PolicyRule> clusterRules = new ArrayList<>();
    private final List<PolicyRule> namespaceRules = new ArrayList<>();
    private final String operatorNamespace;

    private DeployedRbac(String operatorNamespace) {
        this.operatorNamespace = operatorNamespace;
    }

    /** @param operatorNamespace where the operator runs, so where deploy/'s Role applies */
    public static DeployedRbac load(String operatorNamespace) {
        DeployedRbac rbac = new DeployedRbac(operatorNamespace);
        try (InputStream in = Files.newInputStream(RBAC)) {
            List<HasMetadata> documents = Serialization.unmarshal(in);
            for (HasMetadata document : documents) {
                if (document instanceof ClusterRole role) {
                    rbac.clusterRules.addAll(role.getRules());
                } else if (document instanceof Role role) {
                    rbac.namespaceRules.addAll(role.getRules());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rbac;
    }

    /** The rules of deploy/'s Role (leader election), as a SelfSubjectRulesReview in its namespace lists them. */
    public List<PolicyRule> namespaceRules() {
        return List.copyOf(namespaceRules);
    }

    public boolean allows(Access access) {
        return allowedBy(clusterRules, access)
                || (operatorNamespace.equals(access.namespace()) && allowedBy(namespaceRules, access));
    }

    private static boolean allowedBy(List<PolicyRule> rules, Access access) {
        return rules.stream().anyMatch(rule -> matches(rule.getApiGroups(), access.group())
                && matches(rule.getResources(), access.resourceWithSubresource())
                && matches(rule.getVerbs(), access.verb()));
    }

    private static boolean matches(List<String> granted, String wanted) {
        return granted != null && (granted.contains(wanted) || granted.contains("*"));
    }

    /** What RBAC sees of one request; namespace is null for cluster-scoped and all-namespace requests. */
    public record Access(String verb, String group, String resource, String subresource, String namespace,
            String path) {

        public String resourceWithSubresource() {
            return subresource == null ? resource : resource + "/" + subresource;
        }

        /** The API group as RBAC messages name it ("" is the core group). */
        public String groupForMessage() {
            return group.isEmpty() ? "\"\"" : "\"" + group + "\"";
        }

        @Override
        public String toString() {
            return verb + " " + resourceWithSubresource() + (group.isEmpty() ? "" : "." + group)
                    + (namespace == null ? "" : " in " + namespace) + " (" + path + ")";
        }

        /** Null for non-resource URLs (discovery, /version), which every authenticated user may read. */
        public static Access of(String method, String pathAndQuery) {
            URI uri = URI.create(pathAndQuery);
            String[] parts = uri.getPath().replaceFirst("^/", "").split("/");
            int index;
            String group;
            if (parts.length >= 3 && parts[0].equals("api")) {
                group = "";
                index = 2;
            } else if (parts.length >= 4 && parts[0].equals("apis")) {
                group = parts[1];
                index = 3;
            } else {
                return null;
            }
            String namespace = null;
            if (parts.length > index + 1 && parts[index].equals("namespaces")) {
                namespace = parts[index + 1];
                index += 2;
            }
            if (parts.length <= index) {
                return null;
            }
            String resource = parts[index];
            boolean named = parts.length > index + 1;
            String subresource = parts.length > index + 2 ? parts[index + 2] : null;
            boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
            String verb = switch (method) {
                case "GET" -> watch ? "watch" : named ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> named ? "delete" : "deletecollection";
                default -> method.toLowerCase();
            };
            return new Access(verb, group, resource, subresource, namespace, pathAndQuery);
        }
    }
}
