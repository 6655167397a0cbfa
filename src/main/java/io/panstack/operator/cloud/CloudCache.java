package io.panstack.operator.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * The last AWS pass of each stack, reused until the next poll is due. Reconciles also run for Kubernetes events
 * (a pod starting, a Job finishing), and asking AWS again each time would multiply the calls during a rollout for
 * nothing: AWS is looked at when the spec changes or the poll interval has passed.
 */
public final class CloudCache {
    /** @param asked what else the pass was made for besides the spec (e.g. the stack asleep): a change asks again */
    private record Entry(long generation, String asked, Instant at, CloudState state) {
    }

    private final Map<ResourceID, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The state of the last pass, if it was for this generation and the same {@code asked}, and its poll is not due
     * yet.
     */
    public Optional<CloudState> fresh(PanStack stack, String asked, Instant now, AwsPolling polling) {
        Entry entry = entries.get(ResourceID.fromResource(stack));
        if (entry == null || entry.generation() != generation(stack) || !entry.asked().equals(asked)) {
            return Optional.empty();
        }
        Duration due = polling.next(entry.state());
        return entry.at().plus(due).isAfter(now) ? Optional.of(entry.state()) : Optional.empty();
    }

    /**
     * The state of the last pass made with the same {@code asked}, whatever its generation or age: what AWS last
     * showed, for when it cannot be asked now.
     */
    public Optional<CloudState> last(PanStack stack, String asked) {
        Entry entry = entries.get(ResourceID.fromResource(stack));
        return entry == null || !entry.asked().equals(asked) ? Optional.empty() : Optional.of(entry.state());
    }

    public void remember(PanStack stack, String asked, Instant now, CloudState state) {
        entries.put(ResourceID.fromResource(stack), new Entry(generation(stack), asked, now, state));
    }

    public void forget(PanStack stack) {
        entries.remove(ResourceID.fromResource(stack));
    }

    private static long generation(PanStack stack) {
        return stack.getMetadata().getGeneration() == null ? 0 : stack.getMetadata().getGeneration();
    }
}
