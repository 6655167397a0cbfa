package io.panstack.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.JobImages;
import io.panstack.operator.stack.SharedNamespaces;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class TenancyTest {
    static final Map<String, String> OF_TEAM_A = Map.of(AwsTags.NAMESPACE, "team-a", AwsTags.NAME, "bi");

    static Stack inTeamB(SharedNamespaces shared) {
        Stack stack = TestStacks.withSpec("version: '2025_10.1'");
        stack.resource().getMetadata().setNamespace("team-b");
        return Stack.of(stack.resource(), JobImages.DEFAULTS, shared);
    }

    @Test
    void anotherNamespacesResourceIsRefusedWithoutNamingIt() {
        assertThat(Tenancy.refusal("Bucket x", OF_TEAM_A, inTeamB(SharedNamespaces.NONE)))
                .satisfies(p -> assertThat(p.reason()).isEqualTo("AwsResourceOfAnotherNamespace"))
                .satisfies(p -> assertThat(p.message()).doesNotContain("team-a"));
    }

    @Test
    void theAdminMayLetOneNamespaceUseAnothersButNeverReleaseThem() {
        Stack consumer = inTeamB(SharedNamespaces.of(List.of("team-b:team-a")));

        assertThat(Tenancy.refusal("Bucket x", OF_TEAM_A, consumer)).isNull();
        assertThat(Tenancy.mayRelease(OF_TEAM_A, consumer)).as("untag, snapshot, delete: the owner's only").isFalse();
        assertThat(Tenancy.refusal("Bucket x", Map.of(AwsTags.NAMESPACE, "team-c"), consumer)).isNotNull();
        assertThat(Tenancy.refusal("Bucket x", OF_TEAM_A, inTeamB(SharedNamespaces.of(List.of("team-a:team-b")))))
                .as("a pair works one way").isNotNull();
    }

    @Test
    void aPairThatIsNotConsumerColonOwnerStopsTheOperatorWithAClearMessage() {
        assertThatThrownBy(() -> SharedNamespaces.of(List.of("team-b:team-a", "team-b->team-a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consumer:owner")
                .hasMessageContaining("team-b->team-a");
    }
}
