package io.panstack.operator.testsupport;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

/**
 * The mock API server's objects (fabric8's store: attributes → JSON, in insertion order) with an index by resource,
 * namespace and name. fabric8 scans the whole store to find one object, so with 1,000 stacks (~30,000 objects) each
 * request cost milliseconds and the mock, not the operator, set the pace of the benchmark; a real API server reads one
 * object by its key. {@link #find} answers what that scan answers: the first stored object, in insertion order, whose
 * attributes match the query.
 * <p>
 * Only put, putAll, remove and clear keep the index: the calls fabric8's store makes; the other ways to change a map
 * in one call are refused, so a fabric8 that used them would fail at once rather than answer from a stale index
 * (changes through the views, entrySet().remove say, are not caught). Names are compared as written: fabric8's
 * matching also takes "*" for any value, which is no Kubernetes name. Not thread-safe: the dispatcher wraps it in a
 * synchronized map and looks up under fabric8's read lock and that map's lock.
 */
final class IndexedObjects extends LinkedHashMap<AttributeSet, String> {
    private static final List<String> KEY = List.of("plural", "namespace", "name");

    private final Map<List<String>, Set<AttributeSet>> byKey = new HashMap<>();

    @Override
    public String put(AttributeSet attributes, String json) {
        List<String> key = keyOf(attributes);
        if (key != null) {
            byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(attributes);
        }
        return super.put(attributes, json);
    }

    @Override
    public String remove(Object attributes) {
        if (attributes instanceof AttributeSet set && containsKey(set)) {
            List<String> key = keyOf(set);
            Set<AttributeSet> same = key == null ? null : byKey.get(key);
            if (same != null) {
                same.remove(set);
                if (same.isEmpty()) {
                    byKey.remove(key);
                }
            }
        }
        return super.remove(attributes);
    }

    @Override
    public void clear() {
        byKey.clear();
        super.clear();
    }

    @Override
    public void putAll(Map<? extends AttributeSet, ? extends String> objects) {
        objects.forEach(this::put);
    }

    @Override
    public String putIfAbsent(AttributeSet attributes, String json) {
        throw unindexed();
    }

    @Override
    public String compute(AttributeSet attributes,
            BiFunction<? super AttributeSet, ? super String, ? extends String> remapping) {
        throw unindexed();
    }

    @Override
    public String computeIfAbsent(AttributeSet attributes, Function<? super AttributeSet, ? extends String> mapping) {
        throw unindexed();
    }

    @Override
    public String computeIfPresent(AttributeSet attributes,
            BiFunction<? super AttributeSet, ? super String, ? extends String> remapping) {
        throw unindexed();
    }

    @Override
    public String merge(AttributeSet attributes, String json,
            BiFunction<? super String, ? super String, ? extends String> remapping) {
        throw unindexed();
    }

    @Override
    public boolean remove(Object attributes, Object json) {
        throw unindexed();
    }

    private static UnsupportedOperationException unindexed() {
        return new UnsupportedOperationException("IndexedObjects keeps its index through put, remove and clear only");
    }

    /**
     * The first stored object the query matches, as fabric8's scan finds it, or null; the scan itself when the query
     * does not name one object (a list, or an object without a namespace).
     */
    Map.Entry<AttributeSet, String> find(AttributeSet query) {
        List<String> key = keyOf(query);
        if (key == null || !namesOneObject(query)) {
            return entrySet().stream().filter(entry -> entry.getKey().matches(query)).findFirst().orElse(null);
        }
        // A stored object matches only if its own key is the query's, and the bucket keeps insertion order.
        for (AttributeSet candidate : byKey.getOrDefault(key, Set.of())) {
            String json = get(candidate);
            if (json != null && candidate.matches(query)) {
                return Map.entry(candidate, json);
            }
        }
        return null;
    }

    /** Number of objects under an index key: for tests, which check the index follows every change. */
    int indexed() {
        return byKey.values().stream().mapToInt(Set::size).sum();
    }

    private static boolean namesOneObject(AttributeSet query) {
        return KEY.stream().map(query::getAttribute).allMatch(a -> a.getType() == AttributeType.WITH
                && a.getValues().size() == 1);
    }

    /** plural, namespace and name, when the attributes have each with one value; else null (not indexed). */
    private static List<String> keyOf(AttributeSet attributes) {
        String[] key = new String[KEY.size()];
        for (int i = 0; i < key.length; i++) {
            Attribute attribute = attributes.getAttribute(KEY.get(i));
            if (attribute == null || attribute.getValues().size() != 1) {
                return null;
            }
            key[i] = attribute.getValues().get(0).toString();
        }
        return List.of(key);
    }
}
