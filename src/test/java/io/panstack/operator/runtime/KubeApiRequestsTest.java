package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.panstack.operator.runtime.KubeApiRequests.Request;

/** Requests are named as the API server's audit log names them, with no name or namespace in a label. */
class KubeApiRequestsTest {

    static Request classify(String method, String path) {
        return KubeApiRequests.classify(method, URI.create("https://10.0.0.1:6443" + path));
    }

    @Test
    void namespacedObjectsCollectionsAndSubresources() {
        assertThat(classify("GET", "/api/v1/namespaces/team-a/secrets/demo-db")).isEqualTo(new Request("get", "secrets"));
        assertThat(classify("GET", "/api/v1/namespaces/team-a/secrets?labelSelector=a%3Db"))
                .isEqualTo(new Request("list", "secrets"));
        assertThat(classify("PATCH", "/apis/apps/v1/namespaces/team-a/deployments/demo-dashboard?fieldManager=x"))
                .isEqualTo(new Request("patch", "deployments"));
        assertThat(classify("PATCH", "/apis/panstack.io/v1alpha1/namespaces/team-a/panstacks/demo/status"))
                .isEqualTo(new Request("patch", "panstacks/status"));
        assertThat(classify("POST", "/api/v1/namespaces/team-a/persistentvolumeclaims"))
                .isEqualTo(new Request("create", "persistentvolumeclaims"));
        assertThat(classify("PUT", "/apis/coordination.k8s.io/v1/namespaces/panstack-system/leases/panstack-operator"))
                .isEqualTo(new Request("update", "leases"));
        assertThat(classify("DELETE", "/apis/batch/v1/namespaces/team-a/jobs/demo-restore"))
                .isEqualTo(new Request("delete", "jobs"));
    }

    @Test
    void watchesAllNamespacesAndClusterScopedResources() {
        assertThat(classify("GET", "/apis/apps/v1/deployments?allowWatchBookmarks=true&watch=true&resourceVersion=5"))
                .isEqualTo(new Request("watch", "deployments"));
        assertThat(classify("GET", "/api/v1/pods?labelSelector=x")).isEqualTo(new Request("list", "pods"));
        assertThat(classify("GET", "/api/v1/namespaces/team-a")).isEqualTo(new Request("get", "namespaces"));
        assertThat(classify("GET", "/api/v1/persistentvolumes/pv-1")).isEqualTo(new Request("get", "persistentvolumes"));
        assertThat(classify("GET", "/version")).isEqualTo(new Request("get", KubeApiRequests.NON_RESOURCE));
        assertThat(classify("GET", "/apis/apps/v1")).isEqualTo(new Request("get", KubeApiRequests.NON_RESOURCE));
    }

    @Test
    void aNameWithSlashesFromASpecMakesNoSeriesOfItsOwn() {
        // a Secret name a tenant wrote in a spec ends up in the path; only known subresources become labels
        assertThat(classify("GET", "/api/v1/namespaces/team-a/secrets/x/made-up")).isEqualTo(new Request("get", "secrets/other"));
        assertThat(classify("GET", "/api/v1/namespaces/team-a/secrets/x/status/y")).isEqualTo(new Request("get", "secrets/other"));
        assertThat(classify("GET", "/api/v1/namespaces/team-a/secrets/x%2Fmade-up")).isEqualTo(new Request("get", "secrets"));
        assertThat(classify("GET", "/api/v1/namespaces/team-a/pods?labelSelector=watch%3Dtrue"))
                .isEqualTo(new Request("list", "pods"));
    }

    @Test
    void readsAndAccessReviewsAreNotWrites() {
        assertThat(new Request("list", "deployments").isWrite()).isFalse();
        assertThat(new Request("watch", "deployments").isWrite()).isFalse();
        assertThat(new Request("create", "selfsubjectaccessreviews").isWrite()).isFalse();
        assertThat(new Request("patch", "deployments").isWrite()).isTrue();
        assertThat(new Request("deletecollection", "pods").isWrite()).isTrue();
    }
}
