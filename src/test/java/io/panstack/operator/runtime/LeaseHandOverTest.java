package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/** A lost Lease ends the replica; a Lease given up on shutdown does not try to end it a second time. */
@Tag(Tiers.UNIT)
class LeaseHandOverTest {

    @Test
    void aLeaseLostWhileRunningExitsOnAThreadOfItsOwn() throws InterruptedException {
        CountDownLatch exited = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        Thread[] exitedOn = new Thread[1];

        LeaseHandOver.stoppedLeading(true, false, () -> {
            exitedOn[0] = Thread.currentThread();
            exited.countDown();
        });

        assertThat(exited.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(exitedOn[0]).as("never the caller: it may be a shutdown hook").isNotSameAs(caller);
    }

    @Test
    void aLeaseGivenUpOnShutdownOrWithExitSwitchedOffDoesNotExit() throws InterruptedException {
        CountDownLatch exited = new CountDownLatch(2);

        LeaseHandOver.stoppedLeading(true, true, exited::countDown);
        LeaseHandOver.stoppedLeading(false, false, exited::countDown);

        assertThat(exited.await(500, TimeUnit.MILLISECONDS)).isFalse();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> exited.getCount() == 2);
    }
}
