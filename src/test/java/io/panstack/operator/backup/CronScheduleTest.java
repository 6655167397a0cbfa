package io.panstack.operator.backup;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag(Tiers.UNIT)
class CronScheduleTest {
    static final Instant T = Instant.parse("2026-11-21T10:17:30Z"); // a Saturday

    static Instant next(String cron) {
        return CronSchedule.parse(cron).orElseThrow().nextAfter(T).orElseThrow();
    }

    @Test
    void dailyAtTwo() {
        assertThat(next("0 2 * * *")).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
        assertThat(next("@daily")).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    }

    @Test
    void stepsListsAndRanges() {
        assertThat(next("*/15 * * * *")).isEqualTo(Instant.parse("2026-11-21T10:30:00Z"));
        assertThat(next("5,40 10-11 * * *")).isEqualTo(Instant.parse("2026-11-21T10:40:00Z"));
        assertThat(next("0 9 * * 1-5")).as("weekdays only: Monday").isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(next("0 0 1 * *")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void namesAndQuestionMarksAsKubernetesReadsThem() {
        assertThat(next("0 12 * * SUN")).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(next("0 9 * * mon-fri")).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(next("0 0 1 jan,Jul *")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(next("0 12 ? * 0")).as("? leaves the day to the weekday").isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(next("0 0 * * 1")).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(next("0 0 ? * 1")).as("? as *: Mondays only").isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(next("0 0 */10 * 2")).as("a stepped day field is restricted, so either field may match:"
                + " Tuesday the 24th, before the 1st, 11th, 21st or 31st").isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Test
    void eitherDayFieldMatchesWhenBothAreRestricted() {
        assertThat(next("0 0 25 * 1")).as("Monday the 23rd comes before the 25th").isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void nextIsStrictlyLater() {
        Instant atTwo = Instant.parse("2026-11-21T02:00:00Z");
        assertThat(CronSchedule.parse("0 2 * * *").orElseThrow().nextAfter(atTwo).orElseThrow())
                .isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
    }

    /** The search skips months, days and hours that cannot match: it must find what trying every minute finds. */
    @Test
    void skippingFindsWhatTryingEveryMinuteFinds() {
        List<String> schedules = List.of("0 2 * * *", "*/7 * * * *", "5,40 10-11 * * *", "0 9 * * 1-5", "0 0 1 * *",
                "30 23 31 * *", "0 0 25 * 1", "15 3 * 2 *", "0 0 29 2 *", "0 0 30 2 *", "59 23 * 12 0", "@hourly",
                "1-59/20 */5 1,15 3-9 *");
        Random random = new Random(7);
        for (String schedule : schedules) {
            CronSchedule cron = CronSchedule.parse(schedule).orElseThrow();
            for (int i = 0; i < 20; i++) {
                Instant from = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(4 * 366 * 24 * 3600));
                assertThat(cron.nextAfter(from)).as("%s after %s", schedule, from).isEqualTo(everyMinute(schedule, from));
            }
        }
    }

    /** The search looks 366 days ahead, no further: a leap day is found from within that, and not from before it. */
    @Test
    void aLeapDayIsFoundWithinAYearOnly() {
        CronSchedule leapDay = CronSchedule.parse("0 0 29 2 *").orElseThrow();
        assertThat(leapDay.nextAfter(Instant.parse("2027-02-27T23:59:00Z"))).isEmpty();
        assertThat(leapDay.nextAfter(Instant.parse("2027-02-28T00:00:00Z")))
                .contains(Instant.parse("2028-02-29T00:00:00Z"));
        assertThat(CronSchedule.parse("0 0 30 2 *").orElseThrow().nextAfter(T)).as("never").isEmpty();
    }

    /** The obvious search: each minute of the next 366 days. */
    static Optional<Instant> everyMinute(String schedule, Instant after) {
        String[] f = (schedule.equals("@hourly") ? "0 * * * *" : schedule).split(" ");
        ZonedDateTime time = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (int i = 0; i < 366 * 24 * 60; i++, time = time.plusMinutes(1)) {
            boolean dayOfMonth = in(f[2], time.getDayOfMonth());
            boolean dayOfWeek = in(f[4], time.getDayOfWeek().getValue() % 7);
            boolean day = f[2].equals("*") || f[4].equals("*") ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
            if (in(f[0], time.getMinute()) && in(f[1], time.getHour()) && in(f[3], time.getMonthValue()) && day) {
                return Optional.of(time.toInstant());
            }
        }
        return Optional.empty();
    }

    /** Whether one cron field (lists of *, n, a-b, each with an optional /step; "*" from 0) takes the value. */
    static boolean in(String field, int value) {
        for (String part : field.split(",")) {
            String[] stepped = part.split("/");
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            String range = stepped[0];
            int from = range.equals("*") ? 0 : Integer.parseInt(range.split("-")[0]);
            int to = range.equals("*") ? 59 : range.contains("-") ? Integer.parseInt(range.split("-")[1])
                    : stepped.length == 2 ? 59 : from;
            if (value >= from && value <= to && (value - from) % step == 0) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = { "0 2 * * *", "*/15 * * * 1-5", "0 4 * * SUN", "0 3 * * */7", "@daily", "@every 6h",
            " 0 2 * * * " })
    void aCronJobTakesIt(String schedule) {
        assertThat(CronSchedule.refusal(schedule)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 2 * * 7|days of the week 0-6",
            "0 2 * * 1-7|days of the week 0-6",
            "0 2 * * 0,7|days of the week 0-6",
            "CRON_TZ=Europe/London 0 2 * * *|in UTC",
            "TZ=UTC 0 2 * * *|in UTC",
            "0 0 4 * * 0|five cron fields",
            "daily|five cron fields" })
    void aCronJobRefusesIt(String schedule, String why) {
        assertThat(CronSchedule.refusal(schedule)).contains(why);
    }

    @Test
    void whatKubernetesWouldRefuseIsEmpty() {
        assertThat(CronSchedule.parse("61 * * * *")).isEmpty();
        assertThat(CronSchedule.parse("0 12 * * 7")).as("days of the week are 0-6").isEmpty();
        assertThat(CronSchedule.parse("0 12 * * 5-7")).isEmpty();
        assertThat(CronSchedule.parse("0 2 * *")).isEmpty();
        assertThat(CronSchedule.parse("every day")).isEmpty();
        assertThat(CronSchedule.parse(null)).isEmpty();
    }
}
