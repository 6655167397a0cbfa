package io.panstack.operator.hibernation;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.AwakeWindow;
import io.panstack.operator.api.v1alpha1.HibernationSpec;

/**
 * The awake windows of spec.hibernation as instants, in its time zone (summer time followed: a window is from and to
 * wall-clock times). Windows that overlap or touch make one awake period. Pure.
 */
public final class AwakeSchedule {
    /** Far enough to cover a week of windows either side of the time asked about. */
    private static final int DAYS_AROUND = 8;

    private final ZoneId zone;
    private final List<AwakeWindow> windows;

    private AwakeSchedule(ZoneId zone, List<AwakeWindow> windows) {
        this.zone = zone;
        this.windows = windows;
    }

    /** @throws DateTimeException when the time zone is not one Java knows */
    public static AwakeSchedule of(HibernationSpec spec) {
        return new AwakeSchedule(ZoneId.of(spec.zone()), spec.windows());
    }

    public boolean isAwake(Instant now) {
        return containing(now).isPresent();
    }

    /** When the stack next sleeps (while awake) or wakes (while asleep); empty when that never happens. */
    public Optional<Instant> nextChange(Instant now) {
        Optional<Period> current = containing(now);
        if (current.isPresent()) {
            return current.get().end().isAfter(now.plus(java.time.Duration.ofDays(DAYS_AROUND - 1)))
                    ? Optional.empty() : Optional.of(current.get().end());
        }
        return periods(now).stream().map(Period::start).filter(start -> start.isAfter(now)).findFirst();
    }

    /** When the stack last became due to sleep: the end of the latest awake period before now. */
    public Optional<Instant> lastSleepStart(Instant now) {
        return periods(now).stream().map(Period::end).filter(end -> !end.isAfter(now)).reduce((a, b) -> b);
    }

    private Optional<Period> containing(Instant now) {
        return periods(now).stream().filter(p -> !p.start().isAfter(now) && p.end().isAfter(now)).findFirst();
    }

    /** The awake periods from DAYS_AROUND days before to DAYS_AROUND days after now, merged, in order. */
    List<Period> periods(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Period> all = new ArrayList<>();
        for (LocalDate day = today.minusDays(DAYS_AROUND); !day.isAfter(today.plusDays(DAYS_AROUND)); day = day.plusDays(1)) {
            for (AwakeWindow window : windows) {
                if (startsOn(window, day.getDayOfWeek())) {
                    all.add(period(window, day));
                }
            }
        }
        all.sort(Comparator.comparing(Period::start));
        List<Period> merged = new ArrayList<>();
        for (Period p : all) {
            Period last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !p.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new Period(last.start(), p.end().isAfter(last.end()) ? p.end() : last.end()));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }

    private static boolean startsOn(AwakeWindow window, DayOfWeek day) {
        return window.getDays() == null || window.getDays().isEmpty()
                || window.getDays().stream().anyMatch(d -> d.ordinal() == day.ordinal());
    }

    private Period period(AwakeWindow window, LocalDate day) {
        LocalTime from = LocalTime.parse(window.getFrom());
        boolean midnight = "24:00".equals(window.getTo());
        LocalTime to = midnight ? LocalTime.MIDNIGHT : LocalTime.parse(window.getTo());
        LocalDate endDay = midnight || !to.isAfter(from) ? day.plusDays(1) : day;
        return new Period(day.atTime(from).atZone(zone).toInstant(), endDay.atTime(to).atZone(zone).toInstant());
    }

    record Period(Instant start, Instant end) {
    }
}
