package io.panstack.operator.pass;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * A dependent with one object per component (Deployments, Services), keyed by the component label: JOSDK creates,
 * updates and deletes each by comparing the desired map with the objects found under the same keys (each written
 * only when its desired state changed, see StackChild). Public with a
 * public constructor in its subclasses: JOSDK creates them by class.
 */
public abstract class ByComponent<R extends HasMetadata> extends StackChild<R>
        implements BulkDependentResource<R, PanStack> {

    private final BiFunction<Pass, Map<String, R>, Map<String, R>> builder;

    /** @param builder this pass's objects by component, given the ones that exist now */
    protected ByComponent(Class<R> type, BiFunction<Pass, Map<String, R>, Map<String, R>> builder) {
        super(type);
        this.builder = builder;
    }

    /** The stack's components that are switched on. */
    protected static Stream<Component> enabledIn(Stack stack) {
        return Arrays.stream(Component.values()).filter(component -> component.enabledIn(stack.spec()));
    }

    @Override
    public final Map<String, R> desiredResources(PanStack primary, Context<PanStack> context) {
        Pass pass = Pass.of(context);
        Map<String, R> existing = getSecondaryResources(primary, context);
        Map<String, R> desired = builder.apply(pass, existing);
        desired.forEach((key, child) -> settle(pass, key, DesiredStamp.stamp(child, primary), existing.get(key)));
        return desired;
    }

    /**
     * Fills in, after the stamp, what the operator writes but leaves to others to change (so a change by them is no
     * change of the desired state): nothing, unless a subclass says so.
     */
    protected void settle(Pass pass, String key, R desired, R existing) {
    }

    @Override
    public Map<String, R> getSecondaryResources(PanStack primary, Context<PanStack> context) {
        return context.getSecondaryResourcesAsStream(resourceType())
                .filter(o -> o.getMetadata().getLabels() != null
                        && o.getMetadata().getLabels().get(StackLabels.COMPONENT) != null)
                .collect(Collectors.toMap(o -> o.getMetadata().getLabels().get(StackLabels.COMPONENT), o -> o,
                        (first, second) -> first));
    }
}
