package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.panstack.operator.testsupport.Tiers;

/** What the operator's informers keep of the objects they hold. */
@Tag(Tiers.UNIT)
class TrimmedItemStoreTest {

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
    void manyLabelsWhoseKeysShareAHashCostNoQuadraticTime() {
        // "Aa" and "BB" share a hash, and so does every string made of them: 2^16 such keys.
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 1 << 16; i++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 0; bit < 16; bit++) {
                key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            labels.put(key.toString(), "x");
        }
        assertThat(labels.keySet().stream().map(String::hashCode).distinct()).hasSize(1);
        Service service = new ServiceBuilder().withNewMetadata().withName("x").withNamespace("team-a")
                .withLabels(labels).endMetadata().build();
        long started = System.nanoTime();
        Map<String, String> kept = TrimmedItemStore.trimmed(service).getMetadata().getLabels();
        assertThat(kept).isEqualTo(labels);
        // Map.copyOf compares ~2 * 10^9 keys here (about 20 s on this machine); a tree-binned HashMap ~10^6 (0.15 s).
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aLongAnnotationIsKeptAsItIs() {
        String lastApplied = "{" + "\"a\":1,".repeat(100) + "}";
        Service service = new ServiceBuilder().withNewMetadata().withName("x").withNamespace("team-a")
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", lastApplied).endMetadata().build();
        assertThat(TrimmedItemStore.trimmed(service).getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/last-applied-configuration", lastApplied);
    }

    @Test
    void anObjectKeptBeforeOrWithEmptyMapsIsKeptAgain() {
        Service kept = TrimmedItemStore.trimmed(child("pi-dashboard", "dashboard"));
        Map<String, String> labels = kept.getMetadata().getLabels();

        // Should the store be handed an object it keeps (nothing does so today), it keeps it again.
        assertThat(TrimmedItemStore.trimmed(kept).getMetadata().getLabels()).isEqualTo(labels);

        Service bare = new ServiceBuilder().withNewMetadata().withName("x").withNamespace("team-a")
                .withLabels(new HashMap<>()).endMetadata().build();
        assertThat(TrimmedItemStore.trimmed(bare).getMetadata().getLabels()).isSameAs(Map.of());
        assertThat(TrimmedItemStore.trimmed(bare).getMetadata().getAnnotations()).isEmpty();
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
