package io.panstack.operator.deploy;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * deploy/ is what `kubectl apply -k deploy/` installs, namely deploy/base/: it must hang together (every file the
 * kustomizations name, bindings to the right account in the right namespace), run the image the build makes, and meet
 * the "restricted" Pod Security Standard its namespace enforces. (OperatorRbacTest checks the permissions themselves.)
 */
@Tag(Tiers.UNIT)
class DeployManifestsTest {
    static final Path DEPLOY = Path.of("deploy");
    /** The base install, which deploy/ and deploy/confined/ build on: it sets the namespace and the image. */
    static final Path BASE = DEPLOY.resolve("base");
    static Map<String, Object> kustomization;
    static final List<HasMetadata> objects = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        kustomization = yaml(BASE.resolve("kustomization.yaml"));
        objects.addAll(resources(DEPLOY));
    }

    /** The objects a kustomization's resources hold, directories (other kustomizations) included. */
    @SuppressWarnings("unchecked")
    private static List<HasMetadata> resources(Path dir) throws IOException {
        List<HasMetadata> found = new ArrayList<>();
        for (String resource : (List<String>) yaml(dir.resolve("kustomization.yaml")).get("resources")) {
            Path path = dir.resolve(resource).normalize();
            assertThat(path).as("resource " + resource + " of " + dir).exists();
            found.addAll(Files.isDirectory(path) ? resources(path) : documents(path));
        }
        return found;
    }

    @Test
    void deployInstallsTheBaseUnchanged() throws IOException {
        // Nothing added on top of base/: deploy/confined/ builds on base/, so a namespace, image or patch set in
        // deploy/kustomization.yaml would be missing from the confined install.
        assertThat(yaml(DEPLOY.resolve("kustomization.yaml"))).containsOnlyKeys("apiVersion", "kind", "resources")
                .containsEntry("resources", List.of("base"));
    }

    @Test
    void installsTheCommittedCrdAndTheOperator() {
        assertThat(objects).extracting(HasMetadata::getKind).contains("Namespace", "CustomResourceDefinition",
                "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service");
        assertThat(objects).filteredOn(o -> o.getKind().equals("CustomResourceDefinition"))
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrder("panstacks.panstack.io", "panstackbackups.panstack.io",
                        "panstackrestores.panstack.io");
    }

    @Test
    void bindingsGrantTheRolesToTheOperatorsServiceAccountInItsNamespace() {
        String namespace = (String) kustomization.get("namespace");
        String account = one(ServiceAccount.class).getMetadata().getName();
        assertThat(one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(account);
        assertThat(one(ClusterRoleBinding.class).getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(account);
            assertThat(subject.getNamespace()).isEqualTo(namespace);
        });
        assertThat(one(RoleBinding.class).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo(account));
        assertThat(one(Role.class).getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).contains("leases");
            assertThat(rule.getVerbs()).as("fabric8 renews the Lease with PATCH").contains("get", "create", "update", "patch");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsTheImageTheBuildMakes() throws IOException {
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        String built = app.getProperty("quarkus.container-image.registry") + "/"
                + app.getProperty("quarkus.container-image.group") + "/" + app.getProperty("quarkus.container-image.name");
        String version = Files.readString(Path.of("pom.xml")).replaceAll("(?s).*?<artifactId>panstack-operator</artifactId>\\s*<version>([^<]+)</version>.*", "$1");

        String image = operator().getImage();
        assertThat(image).isEqualTo(built + ":" + version);
        Map<String, Object> override = ((List<Map<String, Object>>) kustomization.get("images")).get(0);
        assertThat(override).containsEntry("name", built).containsEntry("newTag", version);
    }

    @Test
    void meetsTheRestrictedPodSecurityStandard() {
        var pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        Container operator = operator();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(objects).filteredOn(o -> o.getKind().equals("Namespace")).singleElement()
                .satisfies(ns -> assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
    }

    @Test
    void probesAskTheHealthEndpointsAndResourcesAreBounded() {
        Container operator = operator();
        assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(operator.getResources().getLimits()).containsKey("memory");
        assertThat(operator.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("QUARKUS_OPERATOR_SDK_CONTROLLERS_PANSTACK_NAMESPACES");
            assertThat(env.getValue()).isEqualTo("JOSDK_ALL_NAMESPACES");
        });
    }

    private static Container operator() {
        return one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName() + " in deploy/").hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Serialization.unmarshal(in, Map.class);
        }
    }

    private static List<HasMetadata> documents(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            Object parsed = Serialization.unmarshal(in);
            return parsed instanceof List<?> list ? list.stream().map(HasMetadata.class::cast).toList() : List.of((HasMetadata) parsed);
        }
    }
}
