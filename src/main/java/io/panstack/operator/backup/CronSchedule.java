package io.panstack.operator.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field cron schedule as Kubernetes CronJobs read it (minute hour day-of-month month day-of-week; "*", "?",
 * lists, ranges, steps, month and weekday names, and the @daily-style macros), in UTC. Only to tell status when the
 * next backup is due: the CronJob controller does the scheduling.
 */
public final class CronSchedule {
    private static final int SEARCH_MINUTES = 366 * 24 * 60;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private CronSchedule(String[] fields) {
        minutes = field(fields[0], 0, 59);
        hours = field(fields[1], 0, 23);
        days = field(star(fields[2]), 1, 31);
        months = field(named(fields[3], MONTHS, 1), 1, 12);
        weekdays = field(named(star(fields[4]), WEEKDAYS, 0), 0, 6);
        // As robfig/cron, which Kubernetes schedules with: a day field that is * or ? (not stepped) leaves the day to
        // the other.
        anyDay = ANY.matcher(fields[2]).matches();
        anyWeekday = ANY.matcher(fields[4]).matches();
    }

    private static final java.util.regex.Pattern ANY = java.util.regex.Pattern.compile("[*?](/1)?");

    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile(
            " *(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every [^ ]+|([^ ]+ +){4}[^ ]+) *");
    private static final java.util.regex.Pattern WEEKDAY_SEVEN = java.util.regex.Pattern.compile(
            " *([^ ]+ +){4}([^ ]*[,-])?7([,/-][^ ]*)? *");

    /**
     * Why a Kubernetes 1.26 CronJob with timeZone set (as the operator's are) would refuse the schedule, or null when
     * it takes it: another shape than five fields or a macro, day of week 7 (robfig/cron reads 0-6), TZ= or CRON_TZ=.
     */
    public static String refusal(String schedule) {
        if (schedule.contains("TZ=")) {
            return "schedules are in UTC: remove TZ= or CRON_TZ= and give the time in UTC";
        }
        if (!SHAPE.matcher(schedule).matches()) {
            return "a schedule is five cron fields separated by spaces (minute hour day-of-month month day-of-week,"
                    + " in UTC), e.g. \"0 2 * * *\", or a macro such as @daily";
        }
        if (WEEKDAY_SEVEN.matcher(schedule).matches()) {
            return "Kubernetes reads days of the week 0-6, with Sunday as 0";
        }
        return null;
    }

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    /** "?" is "*" in the day fields. */
    private static String star(String field) {
        return field.replace('?', '*');
    }

    /** Month and weekday names (JAN, mon: any case) as their numbers, the first name being {@code first}. */
    private static String named(String field, List<String> names, int first) {
        String text = field.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            text = text.replace(names.get(i), String.valueOf(first + i));
        }
        return text;
    }

    /** The schedule, or empty when it is not one this class (and Kubernetes) reads. */
    public static Optional<CronSchedule> parse(String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        String text = switch (expression.strip()) {
            case "@yearly", "@annually" -> "0 0 1 1 *";
            case "@monthly" -> "0 0 1 * *";
            case "@weekly" -> "0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 * * *";
            case "@hourly" -> "0 * * * *";
            default -> expression.strip();
        };
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CronSchedule(fields));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The first time strictly after {@code after} that matches, to the minute. Skips a whole month, day or hour that
     * cannot match rather than trying each of its minutes: every reconcile asks, for every stack.
     */
    public Optional<Instant> nextAfter(Instant after) {
        LocalDateTime time = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalDateTime end = time.plusMinutes(SEARCH_MINUTES);
        while (time.isBefore(end)) {
            if (!months.get(time.getMonthValue())) {
                time = time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(time)) {
                time = time.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return Optional.of(time.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dayOfMonth = days.get(t.getDayOfMonth());
        boolean dayOfWeek = weekdays.get(t.getDayOfWeek().getValue() % 7);
        // As in cron: when both day fields are restricted, either may match.
        return anyDay || anyWeekday ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }

    private static BitSet field(String text, int min, int max) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String[] stepped = part.split("/", 2);
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                String[] range = stepped[0].split("-", 2);
                from = Integer.parseInt(range[0]);
                to = Integer.parseInt(range[1]);
            } else {
                from = Integer.parseInt(stepped[0]);
                to = stepped.length == 2 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new IllegalArgumentException(part);
            }
            for (int value = from; value <= to; value += step) {
                bits.set(value);
            }
        }
        return bits;
    }
}
