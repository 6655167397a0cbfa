package io.panstack.operator.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.e2e.E2eCluster;
import io.panstack.operator.testsupport.ClusterFixture;

/**
 * The current kube context's cluster, prepared as the e2e tier prepares it (CRD, deploy/ with its Deployment at zero):
 * the operator runs here with the token of deploy/'s ServiceAccount, and the cluster's own controllers report the
 * workloads' status. Each round works in namespaces of its own (panstack-bench-*), deleted at its end.
 */
final class ClusterTarget implements Target {
    private final E2eCluster cluster;
    private final List<String> namespaces = new ArrayList<>();

    ClusterTarget(E2eCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public KubernetesClient driver() {
        return cluster.admin();
    }

    @Override
    public Path operatorKubeconfig(Path directory) {
        return cluster.operatorKubeconfig();
    }

    @Override
    public Map<String, String> operatorConnection() {
        return cluster.operatorConnection();
    }

    @Override
    public ClusterFixture freshNamespace() {
        String namespace = cluster.newNamespace("panstack-bench");
        namespaces.add(namespace);
        return ClusterFixture.inNamespace(cluster.admin(), namespace);
    }

    @Override
    public boolean playsControllers() {
        return false;
    }

    @Override
    public void dropRecordedRequests() {
        // nothing is recorded here: the operator counts its own requests
    }

    @Override
    public void cleanUp() {
        namespaces.forEach(cluster::deleteNamespace);
        namespaces.clear();
    }

    @Override
    public void close() {
        cleanUp(); // a round cut short: its namespaces go too (their stacks keep their finalizers without an operator)
    }
}
