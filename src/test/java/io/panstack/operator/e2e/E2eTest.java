package io.panstack.operator.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import io.panstack.operator.testsupport.Tiers;

/** Base of the e2e tests: the prepared cluster, and the namespace a test made, removed after it. */
@Tag(Tiers.E2E)
abstract class E2eTest {
    E2eCluster cluster;
    /** Set by a test that makes a namespace (E2eCluster.newNamespace). */
    String namespace;

    @AfterEach
    void removeNamespace() {
        if (cluster != null && namespace != null) {
            cluster.deleteNamespace(namespace);
        }
    }
}
