package io.panstack.operator.stack;

import io.panstack.operator.api.v1alpha1.HibernationStatus;
import io.panstack.operator.api.v1alpha1.HibernationStatus.State;

/**
 * Where a stack is in its hibernation schedule for this reconcile, and what status shows of it (null without
 * spec.hibernation). Asleep: Pi, MariaDB and the RDS instance stopped. Waking: the database runs again, Pi waits
 * for it.
 */
public record Sleep(State state, HibernationStatus shown) {
    public static final Sleep AWAKE = new Sleep(State.Awake, null);

    /** Pi runs no pod: asleep, or waking before the database takes connections. */
    public boolean piStopped() {
        return state != State.Awake;
    }

    /** The database is stopped: the in-cluster MariaDB at zero, the RDS instance stopped. */
    public boolean databaseStopped() {
        return state == State.Asleep;
    }

    /** Woken up: the database takes connections again, so Pi may start. */
    public Sleep woken() {
        return new Sleep(State.Awake, shown == null ? null
                : new HibernationStatus(State.Awake, shown.getNextSleepTime(), shown.getNextWakeTime(), null));
    }
}
