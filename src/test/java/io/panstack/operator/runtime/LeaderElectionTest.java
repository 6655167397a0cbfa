package io.panstack.operator.runtime;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.DeployedRbac;
import io.panstack.operator.testsupport.RbacEnforcingDispatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * In production (prod profile) the operator first takes the Lease, then reconciles, and keeps renewing it. Here the
 * same is switched on for a test profile, against the mock API server holding the operator to exactly deploy/'s
 * RBAC, with short Lease timings so that the test sees many renewals and more than one renew deadline: a renewal
 * the Role does not allow (fabric8 renews with PATCH) loses the Lease within seconds, as it did on a real cluster.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaderElectionTest.DeployedRbacOnly.class)
@TestProfile(LeaderElectionTest.WithLeaderElection.class)
@Tag(Tiers.RECONCILER)
class LeaderElectionTest {
    static final Duration LEASE_DURATION = Duration.ofSeconds(4);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(3);
    static final Duration RETRY_PERIOD = Duration.ofMillis(500);

    public static class WithLeaderElection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.activate-leader-election-for-profiles", "prod,leader-election-test",
                    "panstack.leader-election.exit-on-stop-leading", "false",
                    "panstack.leader-election.lease-duration", LEASE_DURATION.toMillis() + "ms",
                    "panstack.leader-election.renew-deadline", RENEW_DEADLINE.toMillis() + "ms",
                    "panstack.leader-election.retry-period", RETRY_PERIOD.toMillis() + "ms");
        }

        @Override
        public String getConfigProfile() {
            return "leader-election-test,test";
        }
    }

    /**
     * The mock server refuses what deploy/base/rbac.yaml does not grant. Before it campaigns, JOSDK asks the API server
     * (SelfSubjectRulesReview, allowed to every account by the default system:basic-user role) whether it may get,
     * create and update Leases; the mock cannot answer that itself, so it answers with deploy/'s Role.
     */
    public static class DeployedRbacOnly extends RbacEnforcingDispatcher.Setup {
        @Override
        public void accept(KubernetesServer server) {
            super.accept(server);
            String namespace = server.getClient().getNamespace();
            SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder().withNewStatus()
                    .withResourceRules(DeployedRbac.load(namespace).namespaceRules().stream()
                            .map(rule -> new ResourceRuleBuilder().withApiGroups(rule.getApiGroups())
                                    .withResources(rule.getResources()).withVerbs(rule.getVerbs()).build())
                            .toList())
                    .withIncomplete(false).endStatus().build();
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, review).always();
        }
    }

    @Inject
    KubernetesClient operatorClient;

    @Test
    void theOperatorKeepsTheLeaseThroughManyRenewalsAndReconciles() throws InterruptedException {
        KubernetesClient tests = new KubernetesClientBuilder().withConfig(new ConfigBuilder(operatorClient.getConfiguration())
                .withUserAgent(RbacEnforcingDispatcher.TEST_AGENT).build()).build();
        var leases = tests.leases().inNamespace(operatorClient.getNamespace()).withName(OperatorLeaderElection.LEASE);
        Lease first = await().atMost(Duration.ofSeconds(30)).until(leases::get, l -> l != null
                && l.getSpec().getRenewTime() != null);
        String holder = first.getSpec().getHolderIdentity();
        assertThat(holder).isNotBlank();

        // Three renew deadlines: a leader whose renewals are refused has given up by then.
        Set<ZonedDateTime> renewals = new HashSet<>();
        long end = System.nanoTime() + RENEW_DEADLINE.multipliedBy(3).toNanos();
        while (System.nanoTime() < end) {
            Lease lease = leases.get();
            assertThat(lease.getSpec().getHolderIdentity()).as("the Lease's holder").isEqualTo(holder);
            renewals.add(lease.getSpec().getRenewTime());
            Thread.sleep(RETRY_PERIOD.toMillis());
        }
        assertThat(RbacEnforcingDispatcher.Setup.installed().refused()).as("requests deploy/base/rbac.yaml refused").isEmpty();
        assertThat(renewals).as("renewals seen over three renew deadlines").hasSizeGreaterThanOrEqualTo(4);
        assertThat(leases.get().getSpec().getRenewTime())
                .as("the Lease is still being renewed").isAfter(ZonedDateTime.now().minus(LEASE_DURATION));

        // Still the leader: a stack created now is reconciled.
        PanStack stack = Serialization.unmarshal("""
                apiVersion: panstack.io/v1alpha1
                kind: PanStack
                metadata: {name: elected, namespace: leader}
                spec: {version: "2023_11"}
                """, PanStack.class);
        tests.resource(stack).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PanStack current = tests.resource(stack).get();
            return current.getStatus() != null && current.getStatus().getPhase() != null;
        });
        assertThat(RbacEnforcingDispatcher.Setup.installed().refused()).as("requests deploy/base/rbac.yaml refused").isEmpty();
    }
}
