package io.panstack.operator.aws;

import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A service's two tagging calls, add and remove by resource: every AWS service has them, each with its own request
 * types, so each adapter hands out its pair as one of these.
 */
public record ResourceTagging(BiConsumer<String, Map<String, String>> adder, BiConsumer<String, Set<String>> remover) {

    public void add(String resource, Map<String, String> tags) {
        adder.accept(resource, tags);
    }

    public void remove(String resource, Set<String> keys) {
        remover.accept(resource, keys);
    }
}
