package io.panstack.operator.deploy;

import static io.panstack.operator.deploy.Kustomize.id;
import static io.panstack.operator.deploy.Kustomize.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.panstack.operator.testsupport.DeployedRbac;
import io.panstack.operator.testsupport.DeployedRbac.Access;
import io.panstack.operator.testsupport.Tiers;

/**
 * deploy/confined/ (`kubectl apply -k deploy/confined/`) installs deploy/ with Kubernetes rights only in the namespaces
 * the operator watches: per watched namespace a Role with deploy/base/rbac.yaml's namespaced rules, cluster-wide only
 * its cluster-scoped ones (PersistentVolumes). Read here as kustomize builds it ({@link Kustomize}): deploy/ (with its
 * namespace), then the overlay's own resources and patches (a Role's rules replaced whole, container env merged by
 * name). Where kubectl is on the PATH (or $KUBECTL), the real `kubectl kustomize` output is compared too.
 */
@Tag(Tiers.UNIT)
class ConfinedInstallTest {
    static final Path OVERLAY = Path.of("deploy", "confined");
    static final String OPERATOR_NAMESPACE = "panstack-system";
    static final String ACCOUNT = "panstack-operator";
    static final String WATCHED_ENV = "QUARKUS_OPERATOR_SDK_CONTROLLERS_PANSTACK_NAMESPACES";

    /**
     * Built-in cluster-scoped resources ("group/resource"); every other resource is namespaced, except custom resources,
     * whose scope comes from their CRD in deploy/.
     */
    static final Set<String> BUILT_IN_CLUSTER_SCOPED = Set.of("/nodes", "/namespaces", "/persistentvolumes",
            "/componentstatuses", "apiextensions.k8s.io/customresourcedefinitions", "apiregistration.k8s.io/apiservices",
            "rbac.authorization.k8s.io/clusterroles", "rbac.authorization.k8s.io/clusterrolebindings",
            "storage.k8s.io/storageclasses", "storage.k8s.io/csidrivers", "storage.k8s.io/csinodes",
            "storage.k8s.io/volumeattachments", "scheduling.k8s.io/priorityclasses", "node.k8s.io/runtimeclasses",
            "networking.k8s.io/ingressclasses", "admissionregistration.k8s.io/mutatingwebhookconfigurations",
            "admissionregistration.k8s.io/validatingwebhookconfigurations",
            "admissionregistration.k8s.io/validatingadmissionpolicies",
            "admissionregistration.k8s.io/validatingadmissionpolicybindings",
            "certificates.k8s.io/certificatesigningrequests", "flowcontrol.apiserver.k8s.io/flowschemas",
            "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations", "authentication.k8s.io/tokenreviews",
            "authorization.k8s.io/subjectaccessreviews", "authorization.k8s.io/selfsubjectaccessreviews",
            "authorization.k8s.io/selfsubjectrulesreviews");

    static Map<String, Object> kustomization;
    /** What deploy/confined/ installs. */
    static List<HasMetadata> confined;
    /** The rules of deploy/'s ClusterRole, split by the scope of their resources. */
    static final List<PolicyRule> baseNamespacedRules = new ArrayList<>();
    static final List<PolicyRule> baseClusterRules = new ArrayList<>();
    static Set<String> clusterScoped;

    @BeforeAll
    static void build() throws IOException {
        kustomization = yaml(OVERLAY.resolve("kustomization.yaml"));
        confined = Kustomize.build(OVERLAY);

        List<HasMetadata> base = Kustomize.build(Path.of("deploy"));
        clusterScoped = new LinkedHashSet<>(BUILT_IN_CLUSTER_SCOPED);
        base.stream().filter(CustomResourceDefinition.class::isInstance).map(CustomResourceDefinition.class::cast)
                .filter(crd -> crd.getSpec().getScope().equals("Cluster"))
                .forEach(crd -> clusterScoped.add(crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getPlural()));
        List<ClusterRole> baseRoles = ofKind(base, ClusterRole.class);
        assertThat(baseRoles).as("deploy/'s ClusterRole").hasSize(1);
        for (PolicyRule rule : baseRoles.get(0).getRules()) {
            Set<Boolean> scopes = groupResources(rule).map(clusterScoped::contains).collect(Collectors.toSet());
            assertThat(scopes).as("deploy/base/rbac.yaml rule mixing namespaced and cluster-scoped resources: %s", rule)
                    .hasSize(1);
            (scopes.contains(true) ? baseClusterRules : baseNamespacedRules).add(rule);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFileTheOverlayNamesExistsAndItKeepsTheBaseInstall() {
        for (String resource : (List<String>) kustomization.get("resources")) {
            assertThat(OVERLAY.resolve(resource)).as("resource " + resource).exists();
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            if (patch.get("path") != null) {
                assertThat(OVERLAY.resolve((String) patch.get("path"))).as("patch " + patch.get("path")).isRegularFile();
            }
        }
        assertThat(kustomization).as("a namespace: here would move the per-namespace Roles into " + OPERATOR_NAMESPACE)
                .doesNotContainKey("namespace");
        assertThat(confined).extracting(HasMetadata::getKind).contains("Namespace", "CustomResourceDefinition",
                "ServiceAccount", "Deployment", "Service");
        assertThat(confined).filteredOn(o -> o instanceof Role r && r.getMetadata().getNamespace().equals(OPERATOR_NAMESPACE))
                .as("the leader-election Role, in the operator's namespace").singleElement()
                .satisfies(role -> assertThat(((Role) role).getRules()).anySatisfy(rule -> assertThat(rule.getResources()).contains("leases")));
        assertThat(confined).filteredOn(o -> o instanceof RoleBinding b && b.getMetadata().getNamespace().equals(OPERATOR_NAMESPACE))
                .singleElement().satisfies(binding -> assertThat(boundToOperator(((RoleBinding) binding).getSubjects())).isTrue());
    }

    @Test
    void noClusterRoleGrantsSecretsOrAnyNamespacedResource() {
        assertThat(baseNamespacedRules).as("deploy/'s ClusterRole grants Secrets (so the check below means something)")
                .anySatisfy(rule -> assertThat(rule.getResources()).contains("secrets"));
        List<ClusterRole> roles = ofKind(confined, ClusterRole.class);
        assertThat(roles).isNotEmpty();
        for (ClusterRole role : roles) {
            assertThat(role.getRules()).as("rules of ClusterRole " + role.getMetadata().getName())
                    .allSatisfy(rule -> assertThat(groupResources(rule)).as("resources of %s", rule)
                            .allMatch(clusterScoped::contains)
                            .noneMatch(r -> r.endsWith("/secrets") || r.endsWith("/*")));
        }
    }

    @Test
    void theClusterRoleKeepsExactlyTheBasesClusterScopedRules() {
        assertThat(baseClusterRules).as("deploy/'s cluster-scoped rules")
                .anySatisfy(rule -> assertThat(rule.getResources()).contains("persistentvolumes"));
        List<ClusterRole> roles = ofKind(confined, ClusterRole.class);
        assertThat(roles).singleElement().satisfies(role -> assertThat(role.getRules()).isEqualTo(baseClusterRules));
        String name = roles.get(0).getMetadata().getName();
        assertThat(ofKind(confined, ClusterRoleBinding.class)).singleElement().satisfies(binding -> {
            assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(binding.getRoleRef().getName()).isEqualTo(name);
            assertThat(boundToOperator(binding.getSubjects())).isTrue();
        });
    }

    @Test
    void eachWatchedNamespaceHasTheBasesNamespacedRulesBoundToTheOperator() {
        List<String> watched = watchedNamespaces();
        assertThat(watched).isNotEmpty().doesNotContain("JOSDK_ALL_NAMESPACES", "JOSDK_WATCH_CURRENT", "")
                .doesNotHaveDuplicates();
        for (String namespace : watched) {
            List<Role> roles = ofKind(confined, Role.class).stream()
                    .filter(r -> namespace.equals(r.getMetadata().getNamespace())).toList();
            assertThat(roles).as("Role in watched namespace " + namespace).singleElement()
                    .satisfies(role -> assertThat(role.getRules()).isEqualTo(baseNamespacedRules));
            assertThat(ofKind(confined, RoleBinding.class)).as("RoleBinding in watched namespace " + namespace)
                    .filteredOn(b -> namespace.equals(b.getMetadata().getNamespace())).singleElement().satisfies(binding -> {
                        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
                        assertThat(binding.getRoleRef().getName()).isEqualTo(roles.get(0).getMetadata().getName());
                        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                            assertThat(subject.getName()).isEqualTo(ACCOUNT);
                            assertThat(subject.getNamespace()).isEqualTo(OPERATOR_NAMESPACE);
                        });
                    });
        }
        Set<String> granted = Stream.concat(ofKind(confined, Role.class).stream(), ofKind(confined, RoleBinding.class).stream())
                .map(o -> o.getMetadata().getNamespace()).filter(ns -> !ns.equals(OPERATOR_NAMESPACE))
                .collect(Collectors.toSet());
        assertThat(granted).as("namespaces with rights for the operator: exactly the watched ones")
                .containsExactlyInAnyOrderElementsOf(watched);
    }

    @Test
    void theOperatorMayDoInAWatchedNamespaceWhatDeployAllowsAndNothingElsewhere() {
        List<String> watched = watchedNamespaces();
        for (PolicyRule rule : baseNamespacedRules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        for (String namespace : watched) {
                            assertThat(allows(access(verb, group, resource, namespace))).as("%s %s/%s in %s", verb, group,
                                    resource, namespace).isTrue();
                        }
                        assertThat(allows(access(verb, group, resource, null))).as("%s %s/%s in all namespaces", verb,
                                group, resource).isFalse();
                        assertThat(allows(access(verb, group, resource, "kube-system"))).as("%s %s/%s in kube-system",
                                verb, group, resource).isFalse();
                    }
                }
            }
        }
        for (PolicyRule rule : baseClusterRules) {
            for (String verb : rule.getVerbs()) {
                assertThat(allows(access(verb, rule.getApiGroups().get(0), rule.getResources().get(0), null))).isTrue();
            }
        }
        // What the operator sends, as the API server sees it.
        String ns = watched.get(0);
        assertThat(allows(Access.of("GET", "/api/v1/namespaces/" + ns + "/secrets?labelSelector=x&watch=true"))).isTrue();
        assertThat(allows(Access.of("PATCH", "/apis/panstack.io/v1alpha1/namespaces/" + ns + "/panstacks/bi/status"))).isTrue();
        assertThat(allows(Access.of("PATCH", "/api/v1/persistentvolumes/pvc-1234"))).isTrue();
        assertThat(allows(Access.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/" + OPERATOR_NAMESPACE
                + "/leases/panstack-operator"))).isTrue();
        assertThat(allows(Access.of("GET", "/api/v1/secrets?watch=true"))).as("Secrets cluster-wide").isFalse();
        assertThat(allows(Access.of("GET", "/api/v1/namespaces/kube-system/secrets/admin"))).isFalse();
        assertThat(allows(Access.of("DELETE", "/api/v1/namespaces/" + ns + "/secrets/bi-db"))).isFalse();
        assertThat(allows(Access.of("GET", "/api/v1/persistentvolumes?watch=true"))).as("no wider than deploy/").isFalse();
    }

    @Test
    void kubectlKustomizeBuildsWhatThisTestReads() throws Exception {
        Optional<List<HasMetadata>> kubectl = Kustomize.kubectl(OVERLAY);
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl not on the PATH");
        List<HasMetadata> built = kubectl.get();
        assertThat(built.stream().map(Kustomize::id).collect(Collectors.toSet()))
                .isEqualTo(confined.stream().map(Kustomize::id).collect(Collectors.toSet()));
        for (HasMetadata object : built) {
            HasMetadata read = confined.stream().filter(o -> id(o).equals(id(object))).findFirst().orElseThrow();
            if (object instanceof Role role) {
                assertThat(role.getRules()).as(id(object)).isEqualTo(((Role) read).getRules());
            } else if (object instanceof ClusterRole role) {
                assertThat(role.getRules()).as(id(object)).isEqualTo(((ClusterRole) read).getRules());
            } else if (object instanceof Deployment deployment) {
                assertThat(operator(deployment).getEnv()).isEqualTo(operator((Deployment) read).getEnv());
            }
        }
    }

    private static List<String> watchedNamespaces() {
        List<Deployment> deployments = ofKind(confined, Deployment.class);
        assertThat(deployments).hasSize(1);
        List<EnvVar> env = operator(deployments.get(0)).getEnv().stream().filter(e -> e.getName().equals(WATCHED_ENV)).toList();
        assertThat(env).as(WATCHED_ENV).hasSize(1);
        return Arrays.stream(env.get(0).getValue().split(",")).map(String::strip).toList();
    }

    /** Whether the operator's ServiceAccount may do this, as RBAC decides from the bindings deploy/confined/ installs. */
    private static boolean allows(Access access) {
        Stream<PolicyRule> everywhere = ofKind(confined, ClusterRoleBinding.class).stream()
                .filter(b -> boundToOperator(b.getSubjects()) && b.getRoleRef().getKind().equals("ClusterRole"))
                .flatMap(b -> ofKind(confined, ClusterRole.class).stream()
                        .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName())))
                .flatMap(r -> r.getRules().stream());
        Stream<PolicyRule> here = access.namespace() == null ? Stream.empty()
                : ofKind(confined, RoleBinding.class).stream()
                        .filter(b -> access.namespace().equals(b.getMetadata().getNamespace()) && boundToOperator(b.getSubjects()))
                        .flatMap(b -> ofKind(confined, Role.class).stream()
                                .filter(r -> r.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
                                        && r.getMetadata().getName().equals(b.getRoleRef().getName())
                                        && b.getRoleRef().getKind().equals("Role")))
                        .flatMap(r -> r.getRules().stream());
        return Stream.concat(everywhere, here).anyMatch(rule -> matches(rule.getApiGroups(), access.group())
                && matches(rule.getResources(), access.resourceWithSubresource()) && matches(rule.getVerbs(), access.verb()));
    }

    private static Access access(String verb, String group, String resourceWithSubresource, String namespace) {
        String[] parts = resourceWithSubresource.split("/", 2);
        return new Access(verb, group, parts[0], parts.length > 1 ? parts[1] : null, namespace, "(rule)");
    }

    private static boolean matches(List<String> granted, String wanted) {
        return granted != null && (granted.contains(wanted) || granted.contains("*"));
    }

    private static boolean boundToOperator(List<Subject> subjects) {
        return subjects.stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(ACCOUNT)
                && OPERATOR_NAMESPACE.equals(s.getNamespace()));
    }

    /** "group/resource" for each pair a rule names, subresources reduced to their resource. */
    private static Stream<String> groupResources(PolicyRule rule) {
        return rule.getApiGroups().stream()
                .flatMap(group -> rule.getResources().stream().map(r -> group + "/" + r.split("/")[0]));
    }

    private static Container operator(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
