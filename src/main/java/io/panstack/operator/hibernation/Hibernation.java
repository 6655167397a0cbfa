package io.panstack.operator.hibernation;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.HibernationSpec;
import io.panstack.operator.api.v1alpha1.HibernationStatus;
import io.panstack.operator.api.v1alpha1.HibernationStatus.State;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.Sleep;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * Decides, at each reconcile, whether the stack sleeps (spec.hibernation). Awake to asleep only when nothing that
 * needs the database runs (see SleepBlockers); asleep to awake through Waking, which starts the database and keeps
 * Pi stopped until it takes connections (the reconciler then calls {@link Sleep#woken()}). A stack whose hibernation
 * is removed while asleep wakes the same way.
 */
public final class Hibernation {
    /** How soon a stack that should sleep but waits for a backup, restore or upgrade looks again. */
    public static final Duration BLOCKED_RECHECK = Duration.ofSeconds(30);

    private Hibernation() {
    }

    /** The sleep of this reconcile, and when the schedule next changes it (null: no change to wait for). */
    public record Decision(Sleep sleep, Instant nextChange) {
        static final Decision AWAKE = new Decision(Sleep.AWAKE, null);
    }

    public static Decision of(Stack stack, Context<PanStack> context, Instant now) {
        HibernationStatus previous = stack.resource().getStatus() == null ? null
                : stack.resource().getStatus().getHibernation();
        State was = previous == null || previous.getState() == null ? State.Awake : previous.getState();
        return decide(stack.spec().getHibernation(), was, now, () -> SleepBlockers.of(stack, context));
    }

    /** A time zone Java does not know stalls the stack (the schema cannot check it); null when it is fine. */
    public static Problem invalid(Stack stack) {
        HibernationSpec spec = stack.spec().getHibernation();
        if (spec == null || schedule(spec).isPresent()) {
            return null;
        }
        return new Problem("InvalidHibernation", "spec.hibernation.timeZone " + spec.zone()
                + " is not a time zone: use an IANA name such as Europe/London or UTC. Nothing was changed.");
    }

    /** The schedule, or empty when its time zone is unknown (the stack then stalls: see invalid). */
    private static Optional<AwakeSchedule> schedule(HibernationSpec spec) {
        try {
            return Optional.of(AwakeSchedule.of(spec));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @param blocker what must finish before the stack may go to sleep; asked only when it is about to */
    static Decision decide(HibernationSpec spec, State was, Instant now, java.util.function.Supplier<Optional<String>> blocker) {
        boolean sleptBefore = was != State.Awake;
        Optional<AwakeSchedule> parsed = spec == null ? Optional.empty() : schedule(spec);
        if (parsed.isEmpty()) {
            return sleptBefore ? new Decision(new Sleep(State.Waking, new HibernationStatus(State.Waking, null, null,
                    "hibernation is off: waking up")), null) : Decision.AWAKE;
        }
        AwakeSchedule schedule = parsed.get();
        Instant next = schedule.nextChange(now).orElse(null);
        String nextText = next == null ? null : next.toString();
        if (schedule.isAwake(now)) {
            State state = sleptBefore ? State.Waking : State.Awake;
            return new Decision(new Sleep(state, new HibernationStatus(state, nextText, null,
                    sleptBefore ? "Waking up: the database starts first, Pi once it takes connections" : null)), next);
        }
        if (!sleptBefore) {
            Optional<String> waitsFor = blocker.get();
            if (waitsFor.isPresent()) {
                // The time it became due, not now: status stays the same while it waits, so it is not rewritten.
                String due = schedule.lastSleepStart(now).map(Instant::toString).orElse(null);
                return new Decision(new Sleep(State.Awake, new HibernationStatus(State.Awake, due, nextText,
                        "Due to sleep; waits for " + waitsFor.get() + " to finish")), now.plus(BLOCKED_RECHECK));
            }
        }
        return new Decision(new Sleep(State.Asleep, new HibernationStatus(State.Asleep, null, nextText,
                "Asleep until " + (nextText == null ? "hibernation is changed" : nextText)
                        + ": Pi and the database are stopped")), next);
    }
}
