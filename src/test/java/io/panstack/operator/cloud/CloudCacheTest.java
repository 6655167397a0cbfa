package io.panstack.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class CloudCacheTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    final AwsPolling polling = new AwsPolling(Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofMinutes(10));
    final CloudCache cache = new CloudCache();

    static PanStack stack(long generation) {
        PanStack stack = TestStacks.resource("bi", "version: '2025_10.1'\nbucket: {}");
        stack.getMetadata().setGeneration(generation);
        return stack;
    }

    static CloudState state(boolean settling) {
        return new CloudState("eu-west-1", null, null, new BucketState("b", "eu-west-1",
                new ResourceState(true, settling, "BucketAvailable", "ok")));
    }

    @Test
    void aSettledStackIsAskedAgainOnlyWhenTheSlowPollIsDue() {
        cache.remember(stack(3), "awake", T0, state(false));

        assertThat(cache.fresh(stack(3), "awake", T0.plusSeconds(60), polling)).contains(state(false));
        assertThat(cache.fresh(stack(3), "awake", T0.plus(Duration.ofMinutes(5)), polling)).isEmpty();
    }

    @Test
    void whileAwsWorksTheFastPollApplies() {
        cache.remember(stack(3), "awake", T0, state(true));

        assertThat(cache.fresh(stack(3), "awake", T0.plusSeconds(10), polling)).isPresent();
        assertThat(cache.fresh(stack(3), "awake", T0.plusSeconds(15), polling)).isEmpty();
    }

    @Test
    void aSpecChangeAlwaysAsksAws() {
        cache.remember(stack(3), "awake", T0, state(false));

        assertThat(cache.fresh(stack(4), "awake", T0.plusSeconds(1), polling)).isEmpty();
    }

    /** Going to sleep or waking (spec.hibernation) asks AWS at once; the same sleep waits for the poll. */
    @Test
    void aPassForAnotherAskAlwaysAsksAws() {
        cache.remember(stack(3), "awake", T0, state(false));

        assertThat(cache.fresh(stack(3), "asleep", T0.plusSeconds(1), polling)).isEmpty();
        assertThat(cache.fresh(stack(3), "awake", T0.plusSeconds(1), polling)).isPresent();
    }

    @Test
    void aDeletedStackIsForgotten() {
        cache.remember(stack(3), "awake", T0, state(false));
        cache.forget(stack(3));

        assertThat(cache.fresh(stack(3), "awake", T0.plusSeconds(1), polling)).isEmpty();
    }
    /** What AWS last showed stands in while AWS cannot be asked, whatever the generation: never for another PanStack. */
    @Test
    void theLastStateIsThisPanStacksOnly() {
        cache.remember(stack(3), "awake", T0, state(false));

        assertThat(cache.last(stack(7), "awake")).as("a later generation").contains(state(false));
        assertThat(cache.last(stack(3), "asleep")).as("another ask").isEmpty();
        PanStack recreated = stack(1);
        recreated.getMetadata().setUid("another-uid");
        assertThat(cache.last(recreated, "awake")).as("a PanStack made again under the name").isEmpty();
        assertThat(cache.fresh(recreated, "awake", T0.plusSeconds(1), polling)).isEmpty();
    }

    /** After AWS failed, the events of a rollout do not each ask it again: only once the fast poll has passed. */
    @Test
    void aFailureIsRememberedForTheFastPoll() {
        RuntimeException throttled = new RuntimeException("throttled");
        cache.remember(stack(3), "awake", T0, state(false));
        cache.failed(stack(3), T0.plusSeconds(400), throttled);

        assertThat(cache.failedWithin(stack(3), T0.plusSeconds(405), polling.fast())).contains(throttled);
        assertThat(cache.failedWithin(stack(3), T0.plusSeconds(415), polling.fast())).isEmpty();
        assertThat(cache.last(stack(3), "awake")).as("the last state stays").contains(state(false));

        cache.remember(stack(3), "awake", T0.plusSeconds(420), state(false));
        assertThat(cache.failedWithin(stack(3), T0.plusSeconds(421), polling.fast())).as("AWS answered").isEmpty();
    }
}
