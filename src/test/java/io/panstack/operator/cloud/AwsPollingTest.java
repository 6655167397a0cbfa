package io.panstack.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.status.Problem;
import io.panstack.operator.testsupport.Tiers;

/** How soon a stalled stack looks at AWS again. */
@Tag(Tiers.UNIT)
class AwsPollingTest {
    static final Duration RECHECK = Duration.ofSeconds(30);
    final AwsPolling polling = new AwsPolling(Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofMinutes(10));

    @Test
    void aStallOnlyAChangeInAwsCanEndIsLookedAtSlowly() {
        // Each of these lists or reads region-wide: every 30 s per stalled stack would cost the account's API budget.
        for (String reason : new String[] { "EarlierBucketFound", "EarlierFilesFound", "AwsNameConflict",
                "AwsResourceOfAnotherNamespace", "RdsParametersUnfitForPi", "AwsAccessDenied" }) {
            assertThat(polling.afterProblem(new Problem(reason, "…"), RECHECK)).as(reason).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void aMissingSecretIsLookedAtSoonAndARejectedSpecWaitsForAChange() {
        assertThat(polling.afterProblem(new Problem("LicenceSecretNotFound", "…"), RECHECK)).isEqualTo(RECHECK);
        assertThat(polling.afterProblem(new Problem("AwsRequestRejected", "…"), RECHECK)).isNull();
    }
}
