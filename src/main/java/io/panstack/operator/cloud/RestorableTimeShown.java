package io.panstack.operator.cloud;

import java.time.Duration;
import java.time.Instant;

/**
 * Which RDS latest restorable time status shows. AWS moves it on about every 5 minutes; copying each move into status
 * would write every RDS stack's status every 5 minutes for nothing a reader acts on. So status keeps the time it
 * shows until the live one is an hour past it (or earlier than it, or gone); the metric
 * {@code panstack_latest_restorable_timestamp_seconds} carries the live time. Pure.
 */
public final class RestorableTimeShown {
    /** How far the live time may run ahead of the one status shows. */
    public static final Duration REFRESH = Duration.ofHours(1);

    private RestorableTimeShown() {
    }

    /**
     * @param shown the time status shows now (ISO-8601), or null
     * @param live  the time AWS reported in this pass, or null
     * @return the time status should show
     */
    public static String of(String shown, Instant live) {
        if (live == null || shown == null) {
            return live == null ? null : live.toString();
        }
        Instant before = Instant.parse(shown);
        return live.isBefore(before) || !live.isBefore(before.plus(REFRESH)) ? live.toString() : shown;
    }
}
