package io.panstack.operator.reconcile;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.CharFingerprint;

/**
 * Lets a converging recheck (ConvergingRecheck) that can find nothing new end at once. Rechecks are there for an
 * event that never reached the reconciler; such an event still changed what the informers hold. So a reconcile
 * that finds the stack and everything watched of it (its children, pods, claims, Secrets, Jobs, backups, restores)
 * at the resource versions the last reconcile started from, when that one ended with nothing due but a recheck, has
 * nothing new to find in the caches, and ends without building its ~22 children again: at a thousand stacks
 * converging slowly, most reconciles are such rechecks.
 * <p>
 * What the caches do not show still gets a full look: every reconcile after a change (the operator's own writes
 * included), a retry, one when another timer is due (an AWS poll, a hold's retry, a sleep or wake), and one at least
 * every {@code fullLookEvery} (the resync interval: the Secrets a stack names are read, not watched).
 */
final class QuietRecheck {
    private final Duration fullLookEvery;
    private final List<Class<? extends HasMetadata>> watched;
    /** By the stack's uid: what its last full reconcile started from, when it ended with only a recheck due. */
    private final Map<String, Quiet> quiet = new ConcurrentHashMap<>();

    private record Quiet(CharFingerprint.Print seen, Instant fullLookAt, Instant otherTimer) {
    }

    /**
     * @param fullLookEvery the longest a stack goes without a full reconcile
     * @param watched       every kind the reconciler watches besides PanStacks
     */
    QuietRecheck(Duration fullLookEvery, List<Class<? extends HasMetadata>> watched) {
        this.fullLookEvery = fullLookEvery;
        this.watched = List.copyOf(watched);
    }

    /** Until the event sources are made: every reconcile is a full one. */
    static final QuietRecheck NEVER = new QuietRecheck(Duration.ZERO, List.of());

    /** The kind an event source watches. */
    @SuppressWarnings("unchecked")
    static Class<? extends HasMetadata> kindOf(EventSource<?, PanStack> source) {
        if (!HasMetadata.class.isAssignableFrom(source.resourceType())) {
            throw new IllegalStateException(source.name() + " watches no Kubernetes kind: " + source.resourceType());
        }
        return (Class<? extends HasMetadata>) source.resourceType();
    }

    /** The kinds of a workflow's dependents (each dependent's resource type) and these others. */
    static List<Class<? extends HasMetadata>> watchedBy(Workflow workflow, List<Class<? extends HasMetadata>> others) {
        return Stream.concat(Arrays.stream(workflow.dependents()).map(dependent -> resourceTypeOf(dependent.type())),
                others.stream()).distinct().toList();
    }

    /** R of a dependent declared as {@code extends PassDependent<R>} or {@code extends ByComponent<R>}. */
    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> resourceTypeOf(Class<?> dependent) {
        Type parent = dependent.getGenericSuperclass();
        if (parent instanceof ParameterizedType generic && generic.getActualTypeArguments()[0] instanceof Class<?> type
                && HasMetadata.class.isAssignableFrom(type)) {
            return (Class<? extends HasMetadata>) type;
        }
        throw new IllegalStateException(dependent.getName() + " does not name its resource type in its superclass");
    }

    /** What the caches hold of the stack: its own resource version, and every watched object of it with its own. */
    CharFingerprint.Print seen(PanStack stack, Context<PanStack> context) {
        List<String> versions = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : watched) {
            for (HasMetadata object : context.getSecondaryResources(kind)) {
                versions.add(kind.getSimpleName() + "/" + object.getMetadata().getName() + "/"
                        + object.getMetadata().getUid() + "/" + object.getMetadata().getResourceVersion());
            }
        }
        versions.sort(null);
        versions.add(0, stack.getMetadata().getUid() + "/" + stack.getMetadata().getResourceVersion());
        return CharFingerprint.of(versions);
    }

    /**
     * When this reconcile can end at once, the delay to the stack's next recheck; else empty, and the stack is
     * forgotten until the reconcile has ended (so that a failure is retried in full).
     *
     * @param seen       {@link #seen} now
     * @param nextRecheck the delay ConvergingRecheck gives the stack now
     */
    Optional<Duration> nothingNew(PanStack stack, CharFingerprint.Print seen, Duration nextRecheck, Instant now,
            boolean retry) {
        Quiet last = quiet.remove(stack.getMetadata().getUid());
        if (retry || last == null || nextRecheck == null || !last.seen().equals(seen)) {
            return Optional.empty();
        }
        Instant fullLookDue = last.fullLookAt().plus(fullLookEvery);
        if (!now.isBefore(fullLookDue) || (last.otherTimer() != null && !now.isBefore(last.otherTimer()))) {
            return Optional.empty();
        }
        quiet.put(stack.getMetadata().getUid(), last);
        Instant next = now.plus(nextRecheck);
        next = next.isAfter(fullLookDue) ? fullLookDue : next;
        next = last.otherTimer() != null && next.isAfter(last.otherTimer()) ? last.otherTimer() : next;
        Duration delay = Duration.between(now, next);
        return Optional.of(delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay);
    }

    /**
     * A full reconcile of the stack ended. When nothing but a recheck is due next, later rechecks that find the same
     * caches may end at once.
     *
     * @param seen       {@link #seen} when it started
     * @param recheck    the converging recheck's delay; null when the stack is not converging
     * @param otherTimer the shortest of the other delays (AWS poll, hold, sleep change); null when none
     */
    void ended(PanStack stack, CharFingerprint.Print seen, Instant startedAt, Duration recheck, Duration otherTimer) {
        if (fullLookEvery.isZero() || recheck == null || (otherTimer != null && otherTimer.compareTo(recheck) <= 0)) {
            quiet.remove(stack.getMetadata().getUid());
            return;
        }
        quiet.put(stack.getMetadata().getUid(), new Quiet(seen, startedAt,
                otherTimer == null ? null : startedAt.plus(otherTimer)));
    }

    void forget(PanStack stack) {
        quiet.remove(stack.getMetadata().getUid());
    }
}
