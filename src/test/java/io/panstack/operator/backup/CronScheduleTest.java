package io.panstack.operator.backup;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

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
        assertThat(next("0 12 * * 7")).as("7 is Sunday too").isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
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

    @Test
    void whatKubernetesWouldRefuseIsEmpty() {
        assertThat(CronSchedule.parse("61 * * * *")).isEmpty();
        assertThat(CronSchedule.parse("0 2 * *")).isEmpty();
        assertThat(CronSchedule.parse("every day")).isEmpty();
        assertThat(CronSchedule.parse(null)).isEmpty();
    }
}
