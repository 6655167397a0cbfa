package io.panstack.operator.hibernation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.HibernationSpec;
import io.panstack.operator.api.v1alpha1.HibernationStatus.State;
import io.panstack.operator.testsupport.Tiers;

/** When a stack sleeps, wakes and waits, and what status says of it. */
@Tag(Tiers.UNIT)
class HibernationTest {
    static final HibernationSpec OFFICE_HOURS = Serialization.unmarshal("""
            timeZone: UTC
            awake: [{days: [Mon, Tue, Wed, Thu, Fri], from: "07:00", to: "19:00"}]
            """, HibernationSpec.class);
    static final Instant MONDAY_NOON = Instant.parse("2025-12-01T12:00:00Z");
    static final Instant MONDAY_NIGHT = Instant.parse("2025-12-01T22:00:00Z");

    static Hibernation.Decision decide(HibernationSpec spec, State was, Instant now, Optional<String> blocker) {
        return Hibernation.decide(spec, was, now, () -> blocker);
    }

    @Test
    void outsideItsWindowsAnAwakeStackSleepsUntilTheNextOne() {
        Hibernation.Decision night = decide(OFFICE_HOURS, State.Awake, MONDAY_NIGHT, Optional.empty());

        assertThat(night.sleep().state()).isEqualTo(State.Asleep);
        assertThat(night.sleep().piStopped()).isTrue();
        assertThat(night.sleep().databaseStopped()).isTrue();
        assertThat(night.sleep().shown().getNextWakeTime()).isEqualTo("2025-12-02T07:00:00Z");
        assertThat(night.nextChange()).as("the reconcile is rescheduled for it").isEqualTo(Instant.parse("2025-12-02T07:00:00Z"));
    }

    @Test
    void aStackThatSleptWakesThroughWakingAndStaysAwakeOnceWoken() {
        Hibernation.Decision morning = decide(OFFICE_HOURS, State.Asleep, MONDAY_NOON, Optional.empty());
        assertThat(morning.sleep().state()).isEqualTo(State.Waking);
        assertThat(morning.sleep().piStopped()).as("Pi waits for the database").isTrue();
        assertThat(morning.sleep().databaseStopped()).as("the database starts first").isFalse();
        assertThat(morning.sleep().woken().piStopped()).isFalse();

        Hibernation.Decision day = decide(OFFICE_HOURS, State.Awake, MONDAY_NOON, Optional.empty());
        assertThat(day.sleep().state()).isEqualTo(State.Awake);
        assertThat(day.sleep().shown().getNextSleepTime()).isEqualTo("2025-12-01T19:00:00Z");
    }

    @Test
    void nothingIsStoppedWhileABackupRestoreOrUpgradeRunsAndItIsAskedOnlyWhenAboutToSleep() {
        AtomicInteger asked = new AtomicInteger();
        Hibernation.Decision blocked = Hibernation.decide(OFFICE_HOURS, State.Awake, MONDAY_NIGHT, () -> {
            asked.incrementAndGet();
            return Optional.of("the Job bi-backup-29000000");
        });
        assertThat(blocked.sleep().state()).isEqualTo(State.Awake);
        assertThat(blocked.sleep().shown().getMessage()).contains("waits for the Job bi-backup-29000000");
        assertThat(blocked.sleep().shown().getNextSleepTime()).as("when it became due, so status stays the same")
                .isEqualTo("2025-12-01T19:00:00Z");
        assertThat(Hibernation.decide(OFFICE_HOURS, State.Awake, MONDAY_NIGHT.plusSeconds(30),
                () -> Optional.of("the Job bi-backup-29000000")).sleep().shown())
                .as("the same status 30 s later: no write").isEqualTo(blocked.sleep().shown());
        assertThat(blocked.nextChange()).isEqualTo(MONDAY_NIGHT.plus(Hibernation.BLOCKED_RECHECK));

        Hibernation.Decision alreadyAsleep = Hibernation.decide(OFFICE_HOURS, State.Asleep, MONDAY_NIGHT, () -> {
            asked.incrementAndGet();
            return Optional.of("anything");
        });
        assertThat(alreadyAsleep.sleep().state()).isEqualTo(State.Asleep);
        assertThat(asked).as("asked once, when going to sleep").hasValue(1);
    }

    @Test
    void removingHibernationWakesASleepingStackAndLeavesOthersAlone() {
        assertThat(decide(null, State.Asleep, MONDAY_NIGHT, Optional.empty()).sleep().state()).isEqualTo(State.Waking);
        Hibernation.Decision none = decide(null, State.Awake, MONDAY_NIGHT, Optional.empty());
        assertThat(none.sleep().shown()).as("no status field without hibernation").isNull();
        assertThat(none.sleep().piStopped()).isFalse();
        assertThat(none.nextChange()).isNull();
    }

    @Test
    void aTimeZoneJavaDoesNotKnowStallsTheStack() {
        var stack = io.panstack.operator.testsupport.TestStacks.withSpec("""
                version: '2025_10.1'
                hibernation:
                  timeZone: Europe/Londres
                  awake: [{from: "07:00", to: "19:00"}]
                """);
        assertThat(Hibernation.invalid(stack)).satisfies(problem -> {
            assertThat(problem.reason()).isEqualTo("InvalidHibernation");
            assertThat(problem.message()).contains("Europe/Londres", "Nothing was changed");
        });
        assertThat(Hibernation.invalid(io.panstack.operator.testsupport.TestStacks.minimal())).isNull();
    }
}
