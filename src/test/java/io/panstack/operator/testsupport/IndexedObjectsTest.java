package io.panstack.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;

/** The index answers what fabric8's scan of the whole store answers, through every kind of change. */
class IndexedObjectsTest {
    private final KubernetesAttributesExtractor extractor = new KubernetesAttributesExtractor();
    private final IndexedObjects objects = new IndexedObjects();

    @Test
    void findsWhatAScanOfEveryObjectFinds() {
        List<String> paths = new ArrayList<>();
        for (String namespace : List.of("a", "b")) {
            for (String name : List.of("x", "y", "z")) {
                store(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                        .addToLabels("app", name).endMetadata().build(), "/api/v1/namespaces/" + namespace + "/configmaps");
                store(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                        .build(), "/api/v1/namespaces/" + namespace + "/secrets");
                store(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                        .build(), "/apis/apps/v1/namespaces/" + namespace + "/deployments");
                paths.add("/api/v1/namespaces/" + namespace + "/configmaps/" + name);
                paths.add("/api/v1/namespaces/" + namespace + "/secrets/" + name);
                paths.add("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name);
            }
        }
        // A change of labels stores the object under new attributes; deleting and creating again moves it last.
        objects.remove(attributesOf("/api/v1/namespaces/a/configmaps/x"));
        store(new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("a").addToLabels("app", "changed")
                .endMetadata().build(), "/api/v1/namespaces/a/configmaps");
        objects.remove(attributesOf("/api/v1/namespaces/b/secrets/y"));
        // Two objects under one key (one plural in two API groups): the scan's answer is the first match stored.
        add(new GenericKubernetesResourceBuilder().withApiVersion("events.k8s.io/v1").withKind("Event")
                .withNewMetadata().withName("e").withNamespace("a").endMetadata().build(),
                "/apis/events.k8s.io/v1/namespaces/a/events");
        add(new EventBuilder().withNewMetadata().withName("e").withNamespace("a").endMetadata().build(),
                "/api/v1/namespaces/a/events");
        paths.addAll(List.of("/api/v1/namespaces/a/events/e", "/apis/events.k8s.io/v1/namespaces/a/events/e",
                "/api/v1/namespaces/a/configmaps/y?labelSelector=app%3Dx",
                "/api/v1/namespaces/a/configmaps/y?labelSelector=app%3Dy"));
        paths.addAll(List.of("/api/v1/namespaces/a/configmaps", "/api/v1/namespaces/a/configmaps?labelSelector=app%3Dy",
                "/api/v1/configmaps", "/api/v1/namespaces/c/configmaps/x", "/api/v1/namespaces/a/services/x",
                "/apis/apps/v1/namespaces/b/deployments/y/status", "/api/v1/namespaces/a/configmaps?fieldSelector="
                        + "metadata.name%3Dz"));

        for (String path : paths) {
            AttributeSet query = extractor.fromPath(path);
            assertThat(objects.find(query)).as(path).isEqualTo(scan(query));
        }
        assertThat(objects.find(extractor.fromPath("/api/v1/namespaces/a/configmaps/x")).getValue())
                .contains("changed");
        assertThat(objects.find(extractor.fromPath("/api/v1/namespaces/b/secrets/y"))).isNull();
        assertThat(objects.find(extractor.fromPath("/api/v1/namespaces/a/configmaps/y?labelSelector=app%3Dx")))
                .isNull();
        assertThat(objects.find(extractor.fromPath("/apis/events.k8s.io/v1/namespaces/a/events/e")).getValue())
                .contains("events.k8s.io");
        assertThat(objects.indexed()).isEqualTo(objects.size()).isEqualTo(19);
        assertThatThrownBy(() -> objects.putIfAbsent(extractor.fromPath("/api/v1/namespaces/a/secrets/n"), "{}"))
                .isInstanceOf(UnsupportedOperationException.class);

        objects.clear();
        assertThat(objects.indexed()).isZero();
        assertThat(objects.find(extractor.fromPath("/api/v1/namespaces/a/secrets/x"))).isNull();
    }

    /** Stores the object in place of the one of its name, as a create or an update does. */
    private void store(HasMetadata object, String collection) {
        objects.remove(attributesOf(collection + "/" + object.getMetadata().getName()));
        add(object, collection);
    }

    private void add(HasMetadata object, String collection) {
        String json = Serialization.asJson(object);
        AttributeSet attributes = extractor.fromResource(json);
        if (!attributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            attributes = AttributeSet.merge(extractor.fromPath(collection), attributes); // as fabric8 stores it
        }
        objects.put(attributes, json);
    }

    private AttributeSet attributesOf(String path) {
        Map.Entry<AttributeSet, String> found = scan(extractor.fromPath(path));
        return found == null ? null : found.getKey();
    }

    private Map.Entry<AttributeSet, String> scan(AttributeSet query) {
        return objects.entrySet().stream().filter(e -> e.getKey().matches(query)).findFirst()
                .map(e -> Map.entry(e.getKey(), e.getValue())).orElse(null);
    }
}
