package io.panstack.operator.testsupport;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.panstack.operator.testsupport.DeployedRbac.Access;
import io.quarkus.test.kubernetes.client.KubernetesServer;

/**
 * Makes the fabric8 mock API server refuse, as a real one does with 403 Forbidden, every request of the operator that
 * deploy/base/rbac.yaml does not allow, and remembers each refusal. The mock otherwise answers everything, which is how
 * a Lease renewal by PATCH passed every test here and then failed on the first real cluster.
 * <p>
 * Not judged: requests carrying the tests' own user agent, discovery and other non-resource URLs (every user may read
 * them), the self-reviews every account may create (system:basic-user), and the CRD, which the test profile applies
 * while in production it comes with deploy/.
 */
public final class RbacEnforcingDispatcher extends Dispatcher {
    /** The user agent of clients that act as a test or a human, not as the operator. */
    public static final String TEST_AGENT = "panstack-tests";
    private static final Set<String> EVERYONE_MAY_CREATE = Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews",
            "selfsubjectreviews");

    private final Dispatcher delegate;
    private final DeployedRbac rbac;
    private final List<Access> refused = new CopyOnWriteArrayList<>();

    private RbacEnforcingDispatcher(Dispatcher delegate, DeployedRbac rbac) {
        this.delegate = delegate;
        this.rbac = rbac;
    }

    /** Puts deploy/'s rules in front of the mock server's own dispatcher (CRUD and expectations). */
    public static RbacEnforcingDispatcher install(KubernetesMockServer server, String operatorNamespace) {
        try {
            Field dispatcherField = KubernetesMockServer.class.getDeclaredField("dispatcher");
            dispatcherField.setAccessible(true);
            Field serverField = DefaultMockServer.class.getDeclaredField("server");
            serverField.setAccessible(true);
            RbacEnforcingDispatcher enforcing = new RbacEnforcingDispatcher((Dispatcher) dispatcherField.get(server),
                    DeployedRbac.load(operatorNamespace));
            ((MockWebServer) serverField.get(server)).setDispatcher(enforcing);
            return enforcing;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fabric8's mock server changed shape; adapt RbacEnforcingDispatcher", e);
        }
    }

    /** For {@code @WithKubernetesTestServer(setup = ...)}: installs the enforcement before the operator starts. */
    public static class Setup implements Consumer<KubernetesServer> {
        private static volatile RbacEnforcingDispatcher installed;

        /** The enforcement of the mock server the current test class runs against. */
        public static RbacEnforcingDispatcher installed() {
            return installed;
        }

        @Override
        public void accept(KubernetesServer server) {
            installed = install(server.getKubernetesMockServer(), server.getClient().getNamespace());
        }
    }

    /** The operator's requests deploy/base/rbac.yaml did not allow, in the order they came. */
    public List<Access> refused() {
        return List.copyOf(refused);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Access access = Access.of(request.getMethod(), request.getPath());
        if (access == null || TEST_AGENT.equals(request.getHeader("User-Agent")) || exempt(access)
                || rbac.allows(access)) {
            return delegate.dispatch(request);
        }
        refused.add(access);
        return new MockResponse().setResponseCode(403).setBody(Serialization.asJson(forbidden(access)));
    }

    private static boolean exempt(Access access) {
        return access.group().equals("apiextensions.k8s.io")
                || (access.verb().equals("create") && EVERYONE_MAY_CREATE.contains(access.resource()));
    }

    /** The API server's own wording, so the operator's logs and status read as they would in a cluster. */
    private static Status forbidden(Access access) {
        return new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage(access.resource() + (access.group().isEmpty() ? "" : "." + access.group())
                        + " is forbidden: User \"system:serviceaccount:panstack-system:panstack-operator\" cannot "
                        + access.verb() + " resource \"" + access.resourceWithSubresource() + "\" in API group "
                        + access.groupForMessage()
                        + (access.namespace() == null ? " at the cluster scope" : " in the namespace \"" + access.namespace() + "\""))
                .build();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
