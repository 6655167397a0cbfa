package io.panstack.operator.testsupport;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock API server's CRUD, plus a stand-in for server-side apply, so the operator runs here as in production (its
 * dependents are applied, not updated). An apply creates the object when it is missing, else merges the applied
 * fields in, and records the manager's fields in managedFields, which JOSDK's matcher reads to decide whether a child
 * needs writing again. An apply that changes nothing is not stored (no new resourceVersion, no watch event), as on a
 * real server.
 * <p>
 * Limits: no defaulting and no field ownership between managers, so differences a real server's defaulting would
 * cause do not show here. SelfSubjectRulesReviews answer "everything allowed".
 */
public final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLY = "apply-patch";

    private final boolean keyedLists;
    private final IndexedObjects objects;
    private final ReadWriteLock lock;

    /** Records list items by key (containers by name, ...), as a real server does: the benchmark's default. */
    public ApplyingCrudDispatcher() {
        this(true);
    }

    /**
     * @param keyedLists false: every list is recorded as one field, owned whole. Then JOSDK's full comparison sees a
     *                   difference that is not one (it adds value "" to env entries taken from a Secret, and only
     *                   keyed ownership prunes it again): a stand-in for the differences a real server's own changes
     *                   cause, which an operator must not take for a change of desired state.
     */
    public ApplyingCrudDispatcher(boolean keyedLists) {
        this.keyedLists = keyedLists;
        this.objects = indexStore();
        this.lock = dispatcherLock();
    }

    /**
     * fabric8's lock over its store: a write removes an object and puts it back in two steps under its write lock, so
     * reads here take its read lock, as its own do, and an apply its write lock (it reads, then writes).
     */
    private ReadWriteLock dispatcherLock() {
        try {
            Field lock = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            lock.setAccessible(true);
            return (ReadWriteLock) lock.get(this);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("fabric8's mock server has changed: its lock cannot be shared", e);
        }
    }

    /**
     * fabric8's store, a synchronized LinkedHashMap it scans whole for every object it reads, replaced by one that
     * also indexes objects by key (see IndexedObjects). The field is final, so by reflection: test code only.
     */
    private IndexedObjects indexStore() {
        IndexedObjects indexed = new IndexedObjects();
        try {
            Field store = CrudDispatcher.class.getDeclaredField("map");
            store.setAccessible(true);
            store.set(this, Collections.synchronizedMap(indexed));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fabric8's mock server has changed: its store cannot be indexed", e);
        }
        return indexed;
    }

    /** The first object the query matches, found by key when it names one (the scan otherwise), as fabric8 does. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        lock.readLock().lock(); // reentrant: fabric8's handlers call this holding its write lock
        try {
            synchronized (map) {
                return objects.find(query);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("POST".equals(request.getMethod()) && request.getPath().endsWith("/selfsubjectrulesreviews")) {
            return new MockResponse().setResponseCode(201).setBody("""
                    {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","status":{"incomplete":false,
                    "resourceRules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}}""");
        }
        return super.dispatch(request);
    }

    /**
     * Lists in pages when asked ({@code limit}), as a real server does: {@code continue} carries the offset of the next
     * page. The operator's informers list in pages, and their memory at a start depends on it. Unlike a real server,
     * which reads every page from one snapshot, a page is cut from the list as it is when asked: list while nothing
     * changes.
     */
    @Override
    public MockResponse handleGet(String path) {
        String limit = parameter(path, "limit");
        String from = parameter(path, "continue");
        if (limit != null && !limit.matches("\\d{1,9}") || from != null && !from.matches("\\d{0,9}")) {
            return new MockResponse().setResponseCode(400).setBody("limit and continue are offsets here");
        }
        AttributeSet query = getKey(path);
        if (query.containsKey(KubernetesAttributesExtractor.NAME) && !watches(path)) {
            // One object: by key, not by fabric8's scan of every object (the answer is the same).
            Map.Entry<AttributeSet, String> found = findResource(query);
            return found == null ? new MockResponse().setResponseCode(404)
                    : new MockResponse().setResponseCode(200).setBody(found.getValue());
        }
        MockResponse response = super.handleGet(path);
        if (limit == null || Integer.parseInt(limit) == 0 || response.code() != 200) {
            return response;
        }
        try {
            ObjectNode list = (ObjectNode) JSON.readTree(response.getBody().getBytes());
            if (!(list.get("items") instanceof ArrayNode items)) {
                return response;
            }
            int start = from == null || from.isEmpty() ? 0 : Integer.parseInt(from);
            int end = Math.min(items.size(), start + Integer.parseInt(limit));
            ArrayNode page = JsonNodeFactory.instance.arrayNode();
            for (int i = start; i < end; i++) {
                page.add(items.get(i));
            }
            list.set("items", page);
            ObjectNode metadata = list.has("metadata") ? (ObjectNode) list.get("metadata") : list.putObject("metadata");
            if (end < items.size()) {
                metadata.put("continue", Integer.toString(end));
            } else {
                metadata.remove("continue");
            }
            return response.setBody(JSON.writeValueAsBytes(list));
        } catch (IOException e) {
            return new MockResponse().setResponseCode(500).setBody(String.valueOf(e));
        }
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.contains(APPLY)) {
            return super.handlePatch(request);
        }
        lock.writeLock().lock(); // found, then created or updated: one step for other requests
        try {
            return apply(request);
        } catch (Exception e) {
            return new MockResponse().setResponseCode(500).setBody(String.valueOf(e));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private MockResponse apply(RecordedRequest request) throws Exception {
        String path = request.getPath();
        ObjectNode applied = (ObjectNode) JSON.valueToTree(Serialization.unmarshal(request.getUtf8Body(), Map.class));
        boolean status = path.split("\\?")[0].endsWith("/status");
        ObjectNode metadata = applied.with("metadata");
        ArrayNode managedFields = metadata.putArray("managedFields");
        ObjectNode entry = managedFields.addObject();
        entry.put("manager", query(path, "fieldManager"));
        entry.put("operation", "Apply");
        entry.put("apiVersion", applied.path("apiVersion").asText());
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", managedFields(applied));

        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> current = findResource(key);
        if (current == null) {
            if (status) {
                return new MockResponse().setResponseCode(404);
            }
            String collection = path.split("\\?")[0];
            collection = collection.substring(0, collection.lastIndexOf('/'));
            return handleCreate(request(HttpMethod.POST, collection, "application/json", applied));
        }
        JsonNode before = JSON.readTree(current.getValue());
        ObjectNode after = (ObjectNode) mergePatch(before.deepCopy(), status
                ? JSON.createObjectNode().set("status", applied.get("status")) : applied);
        if (after.equals(before)) {
            return new MockResponse().setResponseCode(200).setBody(current.getValue());
        }
        // The whole object replaced: the mock's own merge patch appends to lists instead of replacing them.
        return handleUpdate(request(HttpMethod.PUT, path.split("\\?")[0], "application/json", after));
    }

    /** RFC 7386 JSON merge patch: objects merge, null removes, anything else (lists too) replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode merged = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                JsonNode existing = merged.get(field.getKey());
                merged.set(field.getKey(), existing == null ? field.getValue().deepCopy()
                        : mergePatch(existing, field.getValue()));
            }
        }
        return merged;
    }

    /**
     * The fields an applied object sets, in the FieldsV1 shape, as a real server records them: not the name, kind or
     * what the server itself sets; the list items Kubernetes merges by key (containers, env, ports, volumes ...) by
     * that key (k:{"name":"x"}), other lists whole.
     */
    ObjectNode managedFields(ObjectNode applied) {
        ObjectNode owned = applied.deepCopy();
        owned.remove(List.of("apiVersion", "kind", "status"));
        ObjectNode metadata = owned.with("metadata");
        metadata.remove(List.of("name", "namespace", "managedFields", "resourceVersion", "uid", "generation",
                "creationTimestamp", "selfLink"));
        if (metadata.isEmpty()) {
            owned.remove("metadata");
        }
        return fields(owned);
    }

    /** List fields whose items a real server keys, and by what. */
    private static final Map<String, List<String>> LIST_KEYS = Map.of("containers", List.of("name"), "initContainers",
            List.of("name"), "env", List.of("name"), "volumes", List.of("name"), "imagePullSecrets", List.of("name"),
            "volumeMounts", List.of("mountPath"), "ports", List.of("containerPort", "port", "protocol"));

    private ObjectNode fields(JsonNode object) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            List<String> keys = keyedLists ? LIST_KEYS.get(field.getKey()) : null;
            ObjectNode owned = JsonNodeFactory.instance.objectNode();
            if (value.isObject() && !value.isEmpty()) {
                owned = fields(value);
            } else if (value.isArray() && keys != null && !value.isEmpty()) {
                owned.set(".", JsonNodeFactory.instance.objectNode());
                for (JsonNode item : value) {
                    ObjectNode key = JsonNodeFactory.instance.objectNode();
                    keys.stream().filter(item::has).forEach(k -> key.set(k, item.get(k)));
                    ObjectNode itemFields = fields(item);
                    itemFields.set(".", JsonNodeFactory.instance.objectNode());
                    owned.set("k:" + key, itemFields);
                }
            }
            fields.set("f:" + field.getKey(), owned);
        }
        return fields;
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, JsonNode body) {
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", contentType).build(),
                new Buffer().writeUtf8(body.toString()));
    }

    private static boolean watches(String path) {
        return "true".equals(parameter(path, "watch"));
    }

    private static String query(String path, String name) {
        String value = parameter(path, name);
        return value == null ? "unknown" : value;
    }

    private static String parameter(String path, String name) {
        int start = path.indexOf('?');
        if (start < 0) {
            return null;
        }
        for (String pair : path.substring(start + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name) && parts.length == 2) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
