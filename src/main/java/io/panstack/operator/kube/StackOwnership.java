package io.panstack.operator.kube;

import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.panstack.operator.stack.StackLabels;

/**
 * Maps an object the operator labelled to its PanStack. Pods (owned by ReplicaSets) and retained data objects (no
 * owner reference) cannot be mapped through owner references, so the instance label does it.
 */
public final class StackOwnership {

    private StackOwnership() {
    }

    public static Set<ResourceID> primaryOf(HasMetadata object) {
        String stack = StackLabels.stackOf(object.getMetadata().getLabels());
        return stack == null ? Set.of() : Set.of(new ResourceID(stack, object.getMetadata().getNamespace()));
    }
}
