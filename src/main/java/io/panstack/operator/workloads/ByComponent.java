package io.panstack.operator.workloads;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.panstack.operator.stack.StackLabels;

/** Keys a stack's objects by their component label, the key the bulk dependents use. */
final class ByComponent {

    private ByComponent() {
    }

    static <T extends HasMetadata> Map<String, T> index(Stream<T> objects) {
        return objects.filter(o -> o.getMetadata().getLabels() != null
                && o.getMetadata().getLabels().get(StackLabels.COMPONENT) != null)
                .collect(Collectors.toMap(o -> o.getMetadata().getLabels().get(StackLabels.COMPONENT), o -> o,
                        (first, second) -> first));
    }
}
