package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * In production (prod profile) the operator first takes the Lease, then reconciles; here the same is switched on
 * for a test profile, against the mock API server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaderElectionTest.RulesFromDeployedRole.class)
@TestProfile(LeaderElectionTest.WithLeaderElection.class)
class LeaderElectionTest {

    public static class WithLeaderElection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.activate-leader-election-for-profiles", "prod,leader-election-test",
                    "panstack.leader-election.exit-on-stop-leading", "false");
        }

        @Override
        public String getConfigProfile() {
            return "leader-election-test,test";
        }
    }

    /**
     * Before it campaigns, JOSDK asks the API server (SelfSubjectRulesReview, allowed to every account by the
     * default system:basic-user role) whether it may get, create and update Leases. The mock server cannot answer
     * that; here it answers with the rules of the leader-election Role in deploy/rbac.yaml.
     */
    public static class RulesFromDeployedRole implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            List<ResourceRule> rules = new ArrayList<>();
            try (InputStream in = Files.newInputStream(Path.of("deploy", "rbac.yaml"))) {
                List<HasMetadata> documents = Serialization.unmarshal(in);
                documents.stream().filter(Role.class::isInstance).map(Role.class::cast)
                        .flatMap(role -> role.getRules().stream())
                        .forEach(rule -> rules.add(new ResourceRuleBuilder().withApiGroups(rule.getApiGroups())
                                .withResources(rule.getResources()).withVerbs(rule.getVerbs()).build()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder().withNewStatus()
                    .withResourceRules(rules).withIncomplete(false).endStatus().build();
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, review).always();
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void theOperatorHoldsTheLeaseAndReconciles() {
        Lease lease = await().atMost(Duration.ofSeconds(30)).until(() -> client.leases()
                .inNamespace(client.getNamespace()).withName(OperatorLeaderElection.LEASE).get(), l -> l != null);
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();

        PanStack stack = Serialization.unmarshal("""
                apiVersion: panstack.io/v1alpha1
                kind: PanStack
                metadata: {name: elected, namespace: leader}
                spec: {version: "2023_11"}
                """, PanStack.class);
        client.resource(stack).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PanStack current = client.resource(stack).get();
            return current.getStatus() != null && current.getStatus().getPhase() != null;
        });
    }
}
