package io.panstack.operator.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A mock API server for the packaged operator (see OperatorProcess): CRUD with server-side apply (see
 * ApplyingCrudDispatcher), the PanStack CRD from crds/ installed, and the operator's namespace. The driver client
 * acts as the user and the cluster's controllers; its requests are not counted as the operator's.
 */
public final class ApplyingMockServer implements AutoCloseable {
    public static final String OPERATOR_NAMESPACE = "panstack-system";

    private final KubernetesMockServer server;
    private final KubernetesClient driver;

    public ApplyingMockServer(boolean keyedLists) throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApplyingCrudDispatcher(keyedLists), false);
        server.init();
        driver = server.createClient(b -> b.withConfig(new ConfigBuilder().withMasterUrl(server.url("/"))
                .withUserAgent(RequestLog.DRIVER_AGENT).withNamespace("default").build()));
        try (InputStream crd = Files.newInputStream(Path.of("crds", "panstacks.panstack.io-v1.yml"))) {
            driver.load(crd).create();
        }
        driver.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE).endMetadata()
                .build()).create();
    }

    public KubernetesClient driver() {
        return driver;
    }

    /** A kubeconfig for the operator, in its namespace. */
    public Path kubeconfig(Path directory) throws IOException {
        return OperatorProcess.kubeconfig(directory, server.url("/"), OPERATOR_NAMESPACE);
    }

    /** The operator's requests since the last drain. */
    public RequestLog drain() throws InterruptedException {
        return RequestLog.drain(server);
    }

    @Override
    public void close() {
        driver.close();
        server.destroy();
    }
}
