package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.DefaultCacheProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.LookupCache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.database.MariaDb;
import io.panstack.operator.stack.Component;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;
import io.panstack.operator.workloads.ComponentDeployment;

/**
 * The informers read objects without what the operator never reads (LeanReading), and that is exactly what their
 * store would have dropped: an object read leanly and trimmed is the object read whole and trimmed, for every kind.
 */
@Tag(Tiers.UNIT)
class LeanReadingTest {
    static final KubernetesSerialization WHOLE = new KubernetesSerialization();
    static final List<ManagedFieldsEntry> FIELDS = List.of(new ManagedFieldsEntryBuilder().withManager("panstack")
            .withOperation("Apply").withApiVersion("apps/v1").withFieldsType("FieldsV1").withNewFieldsV1()
            .addToAdditionalProperties("f:spec", Map.of("f:replicas", Map.of())).endFieldsV1().build());

    /** As the API server sends it: what the operator wrote, with metadata and status of the server's. */
    static <R extends HasMetadata> String asSent(R object) {
        object.getMetadata().setManagedFields(FIELDS);
        object.getMetadata().setResourceVersion("41");
        object.getMetadata().setGeneration(3L);
        object.getMetadata().setUid("child-uid");
        return WHOLE.asJson(object);
    }

    static Deployment dashboard() {
        Deployment deployment = ComponentDeployment.desired(TestStacks.minimal(), Component.DASHBOARD);
        deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(1)
                .withReadyReplicas(1).withObservedGeneration(3L).build());
        return DesiredStamp.stamp(deployment);
    }

    static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("bi-dashboard-1").withNamespace("analytics")
                .addToLabels("app.kubernetes.io/instance", "bi").endMetadata()
                .withSpec(dashboard().getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("dashboard").withReady(false)
                .withRestartCount(4).endContainerStatus().endStatus().build();
    }

    static Job job() {
        return new JobBuilder().withNewMetadata().withName("bi-backup-now").withNamespace("analytics").endMetadata()
                .withSpec(BackupJobs.job(TestStacks.minimal(), BackupJobs.Target.volume(), "bi-backup-now").getSpec())
                .withNewStatus().withSucceeded(1).endStatus().build();
    }

    static Secret secret() {
        return new SecretBuilder().withNewMetadata().withName("bi-mariadb").withNamespace("analytics").endMetadata()
                .addToData("password", "c2VjcmV0").build();
    }

    @Test
    void aLeanObjectIsTheWholeObjectAsTheStoreKeepsIt() {
        check(asSent(dashboard()), Deployment.class);
        check(asSent(MariaDb.desired(TestStacks.minimal())), StatefulSet.class);
        check(asSent(BackupJobs.cronJob(TestStacks.minimal(), BackupJobs.Target.volume())), CronJob.class);
        check(asSent(pod()), Pod.class);
        check(asSent(job()), Job.class);
        check(asSent(secret()), Secret.class);
    }

    private static <R extends HasMetadata> void check(String sent, Class<R> kind) {
        R whole = WHOLE.unmarshal(sent, kind);
        R lean = LeanReading.SERIALIZATION.unmarshal(sent, kind);
        assertThat(lean.getMetadata().getManagedFields()).as(kind.getSimpleName() + ": no field lists").isEmpty();
        assertThat(WHOLE.asJson(TrimmedItemStore.trimmed(lean))).as(kind.getSimpleName())
                .isEqualTo(WHOLE.asJson(TrimmedItemStore.trimmed(whole)));
    }

    @Test
    void theLeanPartsAreLeftOutWhereTheyAreNeverRead() {
        Deployment deployment = LeanReading.SERIALIZATION.unmarshal(asSent(dashboard()), Deployment.class);
        assertThat(deployment.getSpec().getTemplate()).isNull();
        assertThat(deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(3);
        assertThat(deployment.getMetadata().getGeneration()).isEqualTo(3L);
        assertThat(deployment.getMetadata().getAnnotations()).containsKey(DesiredStamp.ANNOTATION);
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);

        Pod pod = LeanReading.SERIALIZATION.unmarshal(asSent(pod()), Pod.class);
        assertThat(pod.getSpec()).isNull();
        assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(4);

        Job job = LeanReading.SERIALIZATION.unmarshal(asSent(job()), Job.class);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).as("Jobs are read whole").isNotEmpty();
    }

    @Test
    void aReadObjectHoldsNoEmptyListOrMapOfItsOwn() {
        for (String sent : List.of(asSent(dashboard()), asSent(MariaDb.desired(TestStacks.minimal())), asSent(job()),
                asSent(pod()), asSent(secret()))) {
            HasMetadata whole = WHOLE.unmarshal(sent, HasMetadata.class);
            HasMetadata lean = LeanReading.SERIALIZATION.unmarshal(sent, HasMetadata.class);

            assertThat(ownEmptyCollections(whole)).as(whole.getKind() + " read whole").isPositive();
            assertThat(ownEmptyCollections(lean)).as(lean.getKind() + " read leanly").isZero();
            assertThat(lean.getMetadata().getAdditionalProperties()).isSameAs(Map.of());
            assertThat(lean.getMetadata().getFinalizers()).isSameAs(List.of());
        }
    }

    @Test
    void watchEventsAndListPagesToo() {
        LeanReading.SERIALIZATION.registerKubernetesResource(Deployment.class);
        WatchEvent event = LeanReading.SERIALIZATION.unmarshal(
                "{\"type\":\"MODIFIED\",\"object\":" + asSent(dashboard()) + "}", WatchEvent.class);
        DeploymentList page = LeanReading.SERIALIZATION.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\","
                + "\"metadata\":{},\"items\":[" + asSent(dashboard()) + "]}", DeploymentList.class);

        assertThat(event.getObject()).isInstanceOf(Deployment.class);
        assertThat(ownEmptyCollections(event.getObject())).isZero();
        assertThat(page.getItems()).hasSize(1);
        assertThat(ownEmptyCollections(page.getItems().get(0))).isZero();
    }

    /**
     * An empty list page (every informer's first, on a cluster without stacks) makes no reader of its kind: those are
     * made, ~1,200 model classes of them, at the first object of the kind, not while the informers start.
     */
    @Test
    void anEmptyListPageMakesNoReaderOfItsKind() {
        ReadersMade readers = new ReadersMade();
        KubernetesSerialization lean = LeanReading.leanMapping(new ObjectMapper().setCacheProvider(readers));

        DeploymentList empty = lean.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\","
                + "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[]}", DeploymentList.class);
        assertThat(empty.getItems()).isEmpty();
        assertThat(empty.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(readers.made()).contains(DeploymentList.class).doesNotContain(Deployment.class,
                io.fabric8.kubernetes.api.model.PodSpec.class, io.fabric8.kubernetes.api.model.apps.DeploymentStatus.class);

        DeploymentList page = lean.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\","
                + "\"metadata\":{},\"items\":[" + asSent(dashboard()) + "," + asSent(dashboard()) + "]}",
                DeploymentList.class);
        assertThat(readers.made()).contains(Deployment.class, io.fabric8.kubernetes.api.model.apps.DeploymentStatus.class);
        assertThat(page.getItems()).hasSize(2).allSatisfy(item -> {
            assertThat(item.getSpec().getTemplate()).as("read as the lean mapping reads a Deployment").isNull();
            assertThat(WHOLE.asJson(TrimmedItemStore.trimmed(item)))
                    .isEqualTo(WHOLE.asJson(TrimmedItemStore.trimmed(WHOLE.unmarshal(asSent(dashboard()), Deployment.class))));
        });
    }

    @Test
    void aListPageReadsAsAListOfItsKindReadsWhole() {
        String sent = "{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\",\"metadata\":{\"continue\":\"x\","
                + "\"resourceVersion\":\"9\"},\"fieldOfTomorrow\":1,\"items\":[" + asSent(dashboard()) + "]}";
        DeploymentList lean = LeanReading.SERIALIZATION.unmarshal(sent, DeploymentList.class);
        DeploymentList whole = WHOLE.unmarshal(sent, DeploymentList.class);
        lean.setItems(lean.getItems().stream().map(TrimmedItemStore::trimmed).toList());
        whole.setItems(whole.getItems().stream().map(TrimmedItemStore::trimmed).toList());
        assertThat(WHOLE.asJson(lean)).isEqualTo(WHOLE.asJson(whole));

        assertThat(LeanReading.SERIALIZATION.unmarshal("{\"kind\":\"DeploymentList\",\"items\":null}",
                DeploymentList.class).getItems()).isNull();
        assertThatThrownBy(() -> LeanReading.SERIALIZATION.unmarshal("{\"kind\":\"DeploymentList\",\"items\":{}}",
                DeploymentList.class)).hasRootCauseInstanceOf(MismatchedInputException.class);
    }

    /** The readers a mapping made and kept, by the type they read. */
    static final class ReadersMade extends DefaultCacheProvider {
        private final LRUMap<JavaType, JsonDeserializer<Object>> readers = new LRUMap<>(16, 4000);

        ReadersMade() {
            super(4000, 4000, 200);
        }

        @Override
        public LookupCache<JavaType, JsonDeserializer<Object>> forDeserializerCache(DeserializationConfig config) {
            return readers;
        }

        List<Class<?>> made() {
            List<Class<?>> made = new java.util.ArrayList<>();
            readers.contents((type, reader) -> made.add(type.getRawClass()));
            return made;
        }
    }

    @Test
    void whatIsNotEmptyIsKeptAsRead() {
        String sent = asSent(dashboard()).replace("\"metadata\":{", "\"metadata\":{\"fieldOfTomorrow\":\"kept\",");
        Deployment deployment = LeanReading.SERIALIZATION.unmarshal(sent, Deployment.class);

        assertThat(deployment.getMetadata().getAdditionalProperties()).containsEntry("fieldOfTomorrow", "kept");
        assertThat(deployment.getMetadata().getLabels()).containsKey("app.kubernetes.io/instance");
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isNotEmpty();
    }

    /** The empty ArrayLists and HashMaps (LinkedHashMap included) reachable from a model object. */
    static int ownEmptyCollections(Object object) {
        if (object instanceof java.util.Collection<?> collection) {
            int own = collection instanceof java.util.ArrayList<?> && collection.isEmpty() ? 1 : 0;
            return own + collection.stream().mapToInt(LeanReadingTest::ownEmptyCollections).sum();
        }
        if (object instanceof Map<?, ?> map) {
            int own = map instanceof java.util.HashMap<?, ?> && map.isEmpty() ? 1 : 0;
            return own + map.values().stream().mapToInt(LeanReadingTest::ownEmptyCollections).sum();
        }
        if (object == null || !object.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return 0;
        }
        int count = 0;
        for (Class<?> type = object.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    count += ownEmptyCollections(field.get(object));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return count;
    }

    /** Were it ever used to write, it would send whole objects: it leaves parts out only when it reads. */
    @Test
    void writingLeavesNothingOut() {
        Deployment deployment = WHOLE.unmarshal(asSent(dashboard()), Deployment.class);
        assertThat(LeanReading.SERIALIZATION.asJson(deployment)).isEqualTo(WHOLE.asJson(deployment));
    }

    /** A watch event names its object's kind: the lean mapping knows the kinds its informers watch. */
    @Test
    void aWatchEventOfAWatchedKindIsReadAsThatKind() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            LeanReading.lean(client, Deployment.class);
        }
        WatchEvent event = LeanReading.SERIALIZATION.unmarshal(
                "{\"type\":\"MODIFIED\",\"object\":" + asSent(dashboard()) + "}", WatchEvent.class);
        assertThat(event.getObject()).isInstanceOf(Deployment.class);
        assertThat(((Deployment) event.getObject()).getSpec().getTemplate()).isNull();
    }

    /**
     * A watch resumed from a resource version the API server has compacted away ends with an ERROR event carrying a
     * 410 Status: the informer must see a Status to list afresh; anything else and it retries the expired version.
     */
    @Test
    void anExpiredWatchIsReadAsAStatus() {
        WatchEvent event = LeanReading.SERIALIZATION.unmarshal("""
                {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                 "message": "too old resource version: 12 (345)", "reason": "Expired", "code": 410}}""",
                WatchEvent.class);
        assertThat(event.getObject()).isInstanceOfSatisfying(io.fabric8.kubernetes.api.model.Status.class,
                status -> assertThat(status.getCode()).isEqualTo(410));
    }

    @Test
    void oneLeanClientAClientOnTheSameConnections() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            KubernetesClient lean = LeanReading.lean(client, Deployment.class);
            assertThat(LeanReading.lean(client, Pod.class)).isSameAs(lean);
            assertThat(lean).isNotSameAs(client);
            assertThat(lean.getKubernetesSerialization()).isSameAs(LeanReading.SERIALIZATION);
            assertThat(lean.getHttpClient()).isSameAs(client.getHttpClient());
            assertThat(lean.getConfiguration()).isSameAs(client.getConfiguration());
        }
    }

    /** Kubernetes' own kinds keep fields they do not know in additional properties; the operator's kinds do not. */
    @Test
    void onlyKubernetesKindsAreReadLeanly() {
        assertThat(LeanReading.reads(Deployment.class)).isTrue();
        assertThat(LeanReading.reads(Job.class)).isTrue();
        assertThat(LeanReading.reads(PanStackBackup.class)).isFalse();
    }
}
