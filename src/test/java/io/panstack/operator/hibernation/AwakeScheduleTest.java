package io.panstack.operator.hibernation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.HibernationSpec;
import io.panstack.operator.testsupport.Tiers;

/** Awake windows as a user writes them, read in their time zone, summer time included. */
@Tag(Tiers.UNIT)
class AwakeScheduleTest {
    static final AwakeSchedule OFFICE_HOURS = schedule("""
            timeZone: Europe/London
            awake:
              - days: [Mon, Tue, Wed, Thu, Fri]
                from: "07:00"
                to: "19:00"
            """);

    static AwakeSchedule schedule(String yaml) {
        return AwakeSchedule.of(Serialization.unmarshal(yaml, HibernationSpec.class));
    }

    static Instant at(String time) {
        return Instant.parse(time);
    }

    @Test
    void weekdayOfficeHoursInLondonFollowSummerTime() {
        // Monday 2 June 2025, BST (UTC+1): awake 06:00-18:00 UTC.
        assertThat(OFFICE_HOURS.isAwake(at("2025-06-02T05:59:00Z"))).isFalse();
        assertThat(OFFICE_HOURS.isAwake(at("2025-06-02T06:00:00Z"))).isTrue();
        assertThat(OFFICE_HOURS.nextChange(at("2025-06-02T12:00:00Z"))).contains(at("2025-06-02T18:00:00Z"));
        // Monday 1 December 2025, GMT: awake 07:00-19:00 UTC.
        assertThat(OFFICE_HOURS.isAwake(at("2025-12-01T06:30:00Z"))).isFalse();
        assertThat(OFFICE_HOURS.nextChange(at("2025-12-01T06:30:00Z"))).contains(at("2025-12-01T07:00:00Z"));
    }

    @Test
    void theWeekendSleepsFromFridayEveningToMondayMorning() {
        assertThat(OFFICE_HOURS.isAwake(at("2025-12-06T12:00:00Z"))).as("Saturday").isFalse();
        assertThat(OFFICE_HOURS.nextChange(at("2025-12-05T19:00:00Z"))).as("from Friday 19:00")
                .contains(at("2025-12-08T07:00:00Z"));
    }

    @Test
    void aWindowEndingBeforeItStartsRunsOverMidnightAndTouchingWindowsMerge() {
        AwakeSchedule nights = schedule("""
                awake:
                  - {from: "22:00", to: "06:00"}
                """);
        assertThat(nights.isAwake(at("2025-12-02T23:00:00Z"))).isTrue();
        assertThat(nights.isAwake(at("2025-12-03T05:59:00Z"))).isTrue();
        assertThat(nights.isAwake(at("2025-12-03T12:00:00Z"))).isFalse();

        AwakeSchedule allDay = schedule("""
                awake:
                  - {from: "00:00", to: "12:00"}
                  - {from: "12:00", to: "24:00"}
                """);
        assertThat(allDay.isAwake(at("2025-12-03T12:00:00Z"))).isTrue();
        assertThat(allDay.nextChange(at("2025-12-03T12:00:00Z"))).as("never sleeps").isEmpty();
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertThatThrownBy(() -> schedule("""
                timeZone: Europe/Londres
                awake: [{from: "07:00", to: "19:00"}]
                """)).isInstanceOf(DateTimeException.class);
        assertThat(schedule("awake: [{from: \"07:00\", to: \"19:00\"}]").isAwake(at("2025-12-03T18:59:00Z")))
                .as("UTC by default").isTrue();
    }
}
