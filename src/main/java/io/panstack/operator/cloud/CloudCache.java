package io.panstack.operator.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * The last AWS pass of each stack, reused until the next poll is due. Reconciles also run for Kubernetes events
 * (a pod starting, a Job finishing), and asking AWS again each time would multiply the calls during a rollout for
 * nothing: AWS is looked at when the spec changes or the poll interval has passed. Entries are per PanStack (its
 * uid), so a re-created stack of the same name never inherits one.
 */
public final class CloudCache {
    /**
     * @param asked    what else the pass was made for besides the spec (e.g. the stack asleep): a change asks again
     * @param failedAt when AWS last could not be asked for this stack, null when the last try worked
     * @param failure  that try's failure
     */
    private record Entry(String uid, long generation, String asked, Instant at, CloudState state, Instant failedAt,
            RuntimeException failure) {
    }

    private final Map<ResourceID, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The state of the last pass, if it was for this generation and the same {@code asked}, and its poll is not due
     * yet.
     */
    public Optional<CloudState> fresh(PanStack stack, String asked, Instant now, AwsPolling polling) {
        Entry entry = entry(stack, asked);
        if (entry == null || entry.generation() != generation(stack)) {
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
        return Optional.ofNullable(entry(stack, asked)).map(Entry::state);
    }

    /**
     * The failure of the last try to ask AWS, while it is more recent than {@code wait}: the events of a rollout
     * during an outage do not each ask AWS again.
     */
    public Optional<RuntimeException> failedWithin(PanStack stack, Instant now, Duration wait) {
        Entry entry = entries.get(ResourceID.fromResource(stack));
        return entry == null || !uid(stack).equals(entry.uid()) || entry.failedAt() == null
                || !entry.failedAt().plus(wait).isAfter(now) ? Optional.empty() : Optional.of(entry.failure());
    }

    public void remember(PanStack stack, String asked, Instant now, CloudState state) {
        entries.put(ResourceID.fromResource(stack), new Entry(uid(stack), generation(stack), asked, now, state, null,
                null));
    }

    /** AWS could not be asked: the last state stays, with when and why. */
    public void failed(PanStack stack, Instant now, RuntimeException failure) {
        entries.computeIfPresent(ResourceID.fromResource(stack), (id, entry) -> new Entry(entry.uid(),
                entry.generation(), entry.asked(), entry.at(), entry.state(), now, failure));
    }

    public void forget(PanStack stack) {
        entries.remove(ResourceID.fromResource(stack));
    }

    private Entry entry(PanStack stack, String asked) {
        Entry entry = entries.get(ResourceID.fromResource(stack));
        return entry == null || !uid(stack).equals(entry.uid()) || !entry.asked().equals(asked) ? null : entry;
    }

    private static String uid(PanStack stack) {
        return Objects.toString(stack.getMetadata().getUid(), "");
    }

    private static long generation(PanStack stack) {
        return stack.getMetadata().getGeneration() == null ? 0 : stack.getMetadata().getGeneration();
    }
}
