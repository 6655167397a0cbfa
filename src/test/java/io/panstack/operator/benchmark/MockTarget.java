package io.panstack.operator.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.testsupport.ApplyingMockServer;
import io.panstack.operator.testsupport.ClusterFixture;

/** A fresh mock API server with server-side apply (keyed lists, as a real one) for one round; gone with it. */
final class MockTarget implements Target {
    private final ApplyingMockServer server;

    MockTarget() throws IOException {
        server = new ApplyingMockServer(true);
    }

    @Override
    public KubernetesClient driver() {
        return server.driver();
    }

    @Override
    public Path operatorKubeconfig(Path directory) throws IOException {
        return server.kubeconfig(directory);
    }

    @Override
    public Map<String, String> operatorConnection() {
        return Map.of();
    }

    @Override
    public ClusterFixture freshNamespace() {
        return ClusterFixture.inFreshNamespace(server.driver());
    }

    @Override
    public boolean playsControllers() {
        return true;
    }

    @Override
    public void dropRecordedRequests() throws InterruptedException {
        server.drain();
    }

    @Override
    public void cleanUp() {
        // the server goes with the round
    }

    @Override
    public void close() {
        server.close();
    }
}
