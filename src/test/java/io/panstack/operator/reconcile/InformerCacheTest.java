package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.LeanReading;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.testsupport.ClusterFixture;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * What the operator's informers keep in memory: every object without its managedFields, Pods without their spec, the
 * workloads without their pod templates (see TrimmedItemStore). At 1,000 stacks the field lists were most of the heap.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag(Tiers.RECONCILER)
class InformerCacheTest {
    static final List<ManagedFieldsEntry> FIELDS = List.of(new ManagedFieldsEntryBuilder().withManager("kubectl")
            .withOperation("Update").withApiVersion("v1").withFieldsType("FieldsV1").withNewFieldsV1()
            .addToAdditionalProperties("f:metadata", java.util.Map.of("f:labels", java.util.Map.of()))
            .endFieldsV1().build());

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @Test
    void informersKeepNoFieldListsAndNoPodSpecs() {
        ClusterFixture cluster = ClusterFixture.inFreshNamespace(client);
        cluster.create(PanStackReconcilerTest.MINIMAL);
        cluster.bringUp("demo");
        Deployment dashboard = cluster.find(Deployment.class, "demo-dashboard").orElseThrow();
        String edited = client.resource(dashboard).edit(d -> {
            d.getMetadata().setManagedFields(FIELDS);
            return d;
        }).getMetadata().getResourceVersion();
        client.resource(new PodBuilder().withNewMetadata().withName("demo-dashboard-1").withNamespace(cluster.namespace)
                .addToLabels(StackLabels.MANAGED_BY, StackLabels.OPERATOR).addToLabels(StackLabels.INSTANCE, "demo")
                .addToLabels(StackLabels.COMPONENT, "dashboard").withManagedFields(FIELDS).endMetadata()
                .withNewSpec().addNewContainer().withName("dashboard").withImage("pi/dashboard").endContainer()
                .endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();

        await().atMost(ClusterFixture.TIMEOUT).until(() -> cached(Pod.class).stream()
                .anyMatch(p -> p.getMetadata().getName().equals("demo-dashboard-1"))
                && cached(Deployment.class).stream().anyMatch(d -> edited.equals(d.getMetadata().getResourceVersion())));
        assertThat(client.pods().inNamespace(cluster.namespace).withName("demo-dashboard-1").get().getMetadata()
                .getManagedFields()).as("the server keeps them").isNotEmpty();

        Pod pod = cached(Pod.class).stream().filter(p -> p.getMetadata().getName().equals("demo-dashboard-1"))
                .findFirst().orElseThrow();
        assertThat(pod.getSpec()).isNull();
        assertThat(pod.getStatus().getPhase()).as("what the operator reads stays").isEqualTo("Running");
        Deployment cachedDashboard = cached(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("demo-dashboard")).findFirst().orElseThrow();
        assertThat(cachedDashboard.getSpec().getTemplate()).as("the pod template is written, never read back").isNull();
        assertThat(cachedDashboard.getMetadata().getAnnotations()).as("what the operator reads stays")
                .containsKey(io.panstack.operator.pass.DesiredStamp.ANNOTATION);
        assertThat(cachedDashboard.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(cached(HasMetadata.class).stream().filter(o -> !(o instanceof PanStack)).toList())
                .as("every child informer's objects (the PanStacks' own informer is JOSDK's, kept whole)").isNotEmpty()
                .allSatisfy(o -> assertThat(o.getMetadata().getManagedFields()).isNullOrEmpty());
    }

    /**
     * The informers of Kubernetes' own kinds read with the lean client (LeanReading), so the parts above are never
     * built; those of the operator's own kinds (PanStack, PanStackBackup, PanStackRestore) with the operator's.
     */
    @Test
    void informersOfKubernetesKindsReadLeanly() {
        List<ManagedInformerEventSource<?, ?, ?>> informers = informers();
        assertThat(informers).filteredOn(source -> LeanReading.reads(source.resourceType()))
                .as("the children's, pods', claims', Secrets' and Jobs' informers").hasSizeGreaterThan(10)
                .allSatisfy(source -> assertThat(clientOf(source)).isPresent().get()
                        .isNotSameAs(client).extracting(KubernetesClient::getKubernetesSerialization)
                        .isNotSameAs(client.getKubernetesSerialization()));
        assertThat(informers).filteredOn(source -> !LeanReading.reads(source.resourceType()))
                .allSatisfy(source -> assertThat(clientOf(source).orElse(client)).isSameAs(client))
                .extracting(source -> source.resourceType().getSimpleName())
                .containsExactlyInAnyOrder("PanStack", "PanStackBackup", "PanStackRestore");
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static java.util.Optional<KubernetesClient> clientOf(ManagedInformerEventSource<?, ?, ?> source) {
        return source.configuration() instanceof InformerEventSourceConfiguration configuration
                ? configuration.getKubernetesClient() : java.util.Optional.empty();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    List<ManagedInformerEventSource<?, ?, ?>> informers() {
        Controller<?> controller = (Controller<?>) operator.getRegisteredController(PanStackReconciler.NAME)
                .orElseThrow();
        return controller.getEventSourceManager().allEventSources().stream()
                .filter(ManagedInformerEventSource.class::isInstance)
                .<ManagedInformerEventSource<?, ?, ?>>map(source -> (ManagedInformerEventSource<?, ?, ?>) source)
                .toList();
    }

    /** Everything the controller's informers hold of a type (HasMetadata: of every type). */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    <R extends HasMetadata> List<R> cached(Class<R> type) {
        Controller<?> controller = (Controller<?>) operator.getRegisteredController(PanStackReconciler.NAME)
                .orElseThrow();
        return controller.getEventSourceManager().allEventSources().stream()
                .filter(ManagedInformerEventSource.class::isInstance).map(ManagedInformerEventSource.class::cast)
                .flatMap(source -> (java.util.stream.Stream<HasMetadata>) source.list(o -> true))
                .filter(type::isInstance).map(o -> (R) o).toList();
    }
}
