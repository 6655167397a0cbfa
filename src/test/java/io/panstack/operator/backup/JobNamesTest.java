package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * The Job controller copies a Job's name into its pods' job-name label (at most 63 characters), so a longer name is
 * refused by the API server: every Job the operator makes must fit for the longest stack name the CRD allows (40).
 */
@Tag(Tiers.UNIT)
class JobNamesTest {
    static final Stack LONGEST = Stack.of(TestStacks.resource("a".repeat(40), """
            version: '2023_11'
            backup: {}
            """));

    @Test
    void theSafetyBackupOfAnUpgradeFitsALabelForTheLongestStackName() {
        assertThat(UpgradeGate.jobName(LONGEST, "2023_11", "2025_10.1")).hasSizeLessThanOrEqualTo(63)
                .startsWith(LONGEST.name()).contains("preupgrade");
    }

    @Test
    void shortStackNamesKeepTheNameTheyHadBefore() {
        Stack demo = Stack.of(TestStacks.resource("demo", "version: '2023_11'\nbackup: {}\n"));
        assertThat(UpgradeGate.jobName(demo, "2023_11", "2025_10.1")).startsWith("demo-backup-pre-upgrade-");
    }

    @Test
    void theOtherJobsFitToo() {
        assertThat(LONGEST.names().seedFilesJob()).hasSizeLessThanOrEqualTo(63);
        assertThat(io.panstack.operator.backup.RestoreJob.name(LONGEST)).hasSizeLessThanOrEqualTo(63);
    }
}
