package io.panstack.operator.stack;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster admin's exceptions to the tenancy rule (operator setting panstack.tenancy.shared-namespaces): pairs
 * "consumer:owner", each letting PanStacks of the consumer namespace adopt and restore from AWS resources of the
 * owner namespace. Only the operator's configuration can widen tenancy, never a namespace itself. Releasing
 * (untagging, deleting) stays with the owner's own stacks.
 */
public record SharedNamespaces(Set<String> pairs) {
    public static final SharedNamespaces NONE = new SharedNamespaces(Set.of());
    private static final String NAME = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    /** @throws IllegalArgumentException for an entry that is not "consumer:owner" (the operator does not start) */
    public static SharedNamespaces of(List<String> entries) {
        List<String> bad = entries.stream().map(String::strip).filter(e -> !e.matches(NAME + ":" + NAME)).toList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("panstack.tenancy.shared-namespaces takes consumer:owner namespace"
                    + " pairs, e.g. team-b:team-a; not " + bad);
        }
        return new SharedNamespaces(entries.stream().map(String::strip).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean allows(String consumer, String owner) {
        return pairs.contains(consumer + ":" + owner);
    }
}
