package io.panstack.operator.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.testsupport.ClusterFixture;

/** Where one round of the benchmark runs the operator: a fresh mock API server, or the current context's cluster. */
interface Target extends AutoCloseable {

    /** The client that acts as the user (and, on the mock server, as the cluster's controllers). */
    KubernetesClient driver();

    /** A kubeconfig for the operator's process, with the operator's rights. */
    Path operatorKubeconfig(Path directory) throws IOException;

    /** Environment the operator's process needs besides its kubeconfig to reach the API server. */
    Map<String, String> operatorConnection();

    /** A namespace of the round's own, created where it must be. */
    ClusterFixture freshNamespace();

    /** True where nothing else sets the workloads' status (the mock server). */
    boolean playsControllers();

    /** The mock server keeps every request it answered until drained; a cluster needs nothing. */
    void dropRecordedRequests() throws InterruptedException;

    /** Removes what the round made, while an operator still runs to release its stacks. */
    void cleanUp();

    @Override
    void close();
}
