package io.panstack.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class AwsNamesTest {
    static final String RDS_IDENTIFIER = "^[a-z](-?[a-z0-9])*$";
    static final String BUCKET = "^[a-z0-9][a-z0-9-]*[a-z0-9]$";

    static Stack stack(String namespace, String name, String uid) {
        PanStack resource = TestStacks.resource(name, "version: '2025_10.1'");
        resource.getMetadata().setNamespace(namespace);
        resource.getMetadata().setUid(uid);
        return Stack.of(resource);
    }

    @Test
    void namesAreStableForTheSameStack() {
        Stack a = stack("analytics", "bi", "0f9d7c1e-1111-2222-3333-444455556666");
        Stack b = stack("analytics", "bi", "0f9d7c1e-1111-2222-3333-444455556666");

        assertThat(AwsNames.rdsIdentifier(a)).isEqualTo(AwsNames.rdsIdentifier(b)).startsWith("panstack-analytics-bi-");
        assertThat(AwsNames.bucket(a)).isEqualTo(AwsNames.bucket(b));
        assertThat(AwsNames.efsCreationToken(a)).isEqualTo("panstack-0f9d7c1e-1111-2222-3333-444455556666");
    }

    @Test
    void rdsIdentifierFollowsTheNamespaceAndNameNotTheUid() {
        // A re-created PanStack finds "its" instance by name, and then sees from the tags whether it may use it.
        assertThat(AwsNames.rdsIdentifier(stack("a", "bi", "uid-1")))
                .isEqualTo(AwsNames.rdsIdentifier(stack("a", "bi", "uid-2")));
        assertThat(AwsNames.bucket(stack("a", "bi", "uid-1"))).isNotEqualTo(AwsNames.bucket(stack("a", "bi", "uid-2")));
    }

    @Test
    void namesThatReadAlikeStillDiffer() {
        assertThat(AwsNames.rdsIdentifier(stack("team-a", "bi", "u")))
                .isNotEqualTo(AwsNames.rdsIdentifier(stack("team", "a-bi", "u")));
    }

    @Test
    void longNamesAreCutToAwsLimitsAndStayValid() {
        String namespace = "a-very-long-namespace-name-that-goes-on-and-on-for-sixty-three-c";
        Stack stack = stack(namespace, "a-forty-character-stack-name-xxxxxxxxxxx", "0f9d7c1e-1111-2222-3333-444455556666");

        assertThat(AwsNames.rdsIdentifier(stack)).hasSizeLessThanOrEqualTo(63).matches(RDS_IDENTIFIER);
        assertThat(AwsNames.bucket(stack)).hasSizeLessThanOrEqualTo(63).matches(BUCKET);
        assertThat(AwsNames.efsCreationToken(stack)).hasSizeLessThanOrEqualTo(64);
        assertThat(AwsNames.accessPointToken(stack)).hasSizeLessThanOrEqualTo(64);
        assertThat(AwsNames.finalSnapshot(AwsNames.rdsIdentifier(stack), stack)).hasSizeLessThanOrEqualTo(255)
                .matches(RDS_IDENTIFIER);
        assertThat(AwsNames.filesPersistentVolume(stack)).hasSizeLessThanOrEqualTo(253);
    }

    @Test
    void cuttingNeverLeavesADoubleOrTrailingHyphen() {
        for (int length = 1; length < 63; length++) {
            String namespace = "n" + "-".repeat(0) + "x".repeat(length - 1);
            Stack stack = stack(namespace, "a--b", "u");
            assertThat(AwsNames.rdsIdentifier(stack)).as(namespace).matches(RDS_IDENTIFIER).doesNotContain("--");
        }
    }
}
