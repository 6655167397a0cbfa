package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.panstack.operator.testsupport.Tiers;

/**
 * JOSDK gives every per-namespace informer of an event source the same store: a store of the operator's own is set
 * only when there is one informer per type, or each relist would drop the other namespaces' objects.
 */
@Tag(Tiers.UNIT)
class TrimmedItemStoreTest {

    @Test
    void aStoreOfItsOwnOnlyWhereOneInformerFillsIt() {
        assertThat(LeanInformers.oneInformerPerType(Set.of(Constants.WATCH_ALL_NAMESPACES))).isTrue();
        assertThat(LeanInformers.oneInformerPerType(Set.of("team-a"))).isTrue();
        assertThat(LeanInformers.oneInformerPerType(Set.of("team-a", "team-b"))).as("deploy/confined/'s list").isFalse();
    }

    @Test
    void childrenOfAStackShareTheirLabelsStringsAndKeepTheirValues() {
        TrimmedItemStore<Service> store = new TrimmedItemStore<>();
        Service dashboard = child("pi-dashboard", "dashboard");
        Service renderer = child("pi-renderer", "renderer");
        store.put(store.getKey(dashboard), dashboard);
        store.put(store.getKey(renderer), renderer);

        Service cachedDashboard = store.get("team-a/pi-dashboard");
        Service cachedRenderer = store.get("team-a/pi-renderer");
        assertThat(cachedDashboard.getMetadata().getLabels()).isEqualTo(Map.of("app.kubernetes.io/instance", "pi",
                "app.kubernetes.io/component", "dashboard"));
        assertThat(cachedDashboard.getMetadata().getAnnotations()).containsEntry("panstack.io/desired", "abc123");
        assertThat(cachedRenderer.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "renderer");
        assertThat(cachedDashboard.getMetadata().getLabels().get("app.kubernetes.io/instance"))
                .as("one copy of a value every child carries")
                .isSameAs(cachedRenderer.getMetadata().getLabels().get("app.kubernetes.io/instance"));
        assertThat(cachedDashboard.getMetadata().getNamespace()).isSameAs(cachedRenderer.getMetadata().getNamespace());
        assertThat(cachedDashboard.getMetadata().getOwnerReferences().get(0).getUid())
                .isSameAs(cachedRenderer.getMetadata().getOwnerReferences().get(0).getUid());
        assertThatThrownBy(() -> cachedDashboard.getMetadata().getLabels().put("x", "y"))
                .as("a cached object is read, never changed").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLongAnnotationIsKeptAsItIs() {
        String lastApplied = "{" + "\"a\":1,".repeat(100) + "}";
        Service service = new ServiceBuilder().withNewMetadata().withName("x").withNamespace("team-a")
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", lastApplied).endMetadata().build();
        assertThat(TrimmedItemStore.trimmed(service).getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/last-applied-configuration", lastApplied);
    }

    /** Each built from strings of its own, as Jackson reads them from the API server's answer. */
    private static Service child(String name, String component) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(new String("team-a"))
                .addToLabels(new String("app.kubernetes.io/instance"), new String("pi"))
                .addToLabels("app.kubernetes.io/component", component)
                .addToAnnotations("panstack.io/desired", "abc123")
                .addNewOwnerReference().withApiVersion("panstack.io/v1alpha1").withKind("PanStack").withName(new String("pi"))
                .withUid(new String("5f0c-uid")).endOwnerReference().endMetadata().build();
    }
}
