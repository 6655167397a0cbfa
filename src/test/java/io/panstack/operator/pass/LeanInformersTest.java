package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.panstack.operator.testsupport.Tiers;

/**
 * JOSDK gives every per-namespace informer of an event source the same store: a store of the operator's own is set
 * only when there is one informer per type, or each relist would drop the other namespaces' objects. (That every
 * informer lists in pages is checked against the mock server's record in ChildWritesTest.)
 */
@Tag(Tiers.UNIT)
class LeanInformersTest {

    @Test
    void aStoreOfItsOwnOnlyWhereOneInformerFillsIt() {
        assertThat(LeanInformers.oneInformerPerType(Set.of(Constants.WATCH_ALL_NAMESPACES))).isTrue();
        assertThat(LeanInformers.oneInformerPerType(Set.of("team-a"))).isTrue();
        assertThat(LeanInformers.oneInformerPerType(Set.of("team-a", "team-b"))).as("deploy/confined/'s list").isFalse();
    }
}
