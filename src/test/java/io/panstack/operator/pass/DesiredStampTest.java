package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class DesiredStampTest {

    static Deployment desired(String image) {
        return new DeploymentBuilder().withNewMetadata().withName("bi-renderer").withNamespace("analytics")
                .addToLabels("app.kubernetes.io/instance", "bi").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("renderer")
                .withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    /** What the cluster holds after the operator wrote {@code desired}: the same content, plus what the server adds. */
    static Deployment inCluster(Deployment desired, long generation) {
        return new DeploymentBuilder(desired).editMetadata().withGeneration(generation).withResourceVersion("7")
                .withUid("child-uid").addNewOwnerReference().withUid("stack-uid").withName("bi").withKind("PanStack")
                .withApiVersion("panstack.io/v1alpha1").endOwnerReference().endMetadata().editSpec()
                .withRevisionHistoryLimit(10).endSpec().build();
    }

    static String stampOf(Deployment deployment) {
        return deployment.getMetadata().getAnnotations().get(DesiredStamp.ANNOTATION);
    }

    @Test
    void theStampFollowsTheContentAndNothingElse() {
        String first = stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11")));
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11")))).isEqualTo(first);
        assertThat(stampOf(DesiredStamp.stamp(DesiredStamp.stamp(desired("pi/renderer:2023_11"))))).as("idempotent")
                .isEqualTo(first);
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2024_04")))).isNotEqualTo(first);
    }

    /**
     * The stamp of an unchanged child must stay what earlier versions wrote (the SHA-256 of the JSON a client sends),
     * or an upgrade of the operator would write every child of every stack once more. Non-ASCII text included.
     */
    @Test
    void theStampIsTheHashOfTheJsonAClientWouldSend() throws Exception {
        Deployment deployment = new DeploymentBuilder(desired("pi/renderer:2023_11")).editMetadata()
                .addToAnnotations("note", "Zürich – 東京 – 𝄞 \"quoted\"\n")
                .addToAnnotations("long", "x".repeat(999) + "𝄞" + "y".repeat(1500)).endMetadata().build();

        byte[] json = new KubernetesSerialization().asJson(deployment).getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 12);

        assertThat(stampOf(DesiredStamp.stamp(deployment))).isEqualTo(expected);
    }

    @Test
    void aChildWrittenFromTheSameDesiredStateIsLeftAloneWhateverTheServerAdded() {
        Deployment desired = DesiredStamp.stamp(desired("pi/renderer:2023_11"));
        assertThat(DesiredStamp.unchanged(inCluster(desired, 1), desired)).isTrue();

        Deployment newer = DesiredStamp.stamp(desired("pi/renderer:2024_04"));
        assertThat(DesiredStamp.unchanged(inCluster(desired, 1), newer)).as("the desired state changed").isFalse();

        Deployment unstamped = desired("pi/renderer:2023_11");
        assertThat(DesiredStamp.unchanged(inCluster(unstamped, 1), desired))
                .as("written by an operator version without stamps: written once more").isFalse();
    }

    @Test
    void someoneElsesChangeToTheSpecIsPutBack() {
        Deployment desired = DesiredStamp.stamp(desired("pi/renderer:2023_11"));
        DesiredStamp.written(inCluster(desired, 4));

        assertThat(DesiredStamp.unchanged(inCluster(desired, 4), desired)).isTrue();
        assertThat(DesiredStamp.unchanged(inCluster(desired, 5), desired)).as("kubectl edit moved the generation")
                .isFalse();

        PanStack stack = new PanStack();
        stack.setMetadata(new ObjectMetaBuilder().withUid("stack-uid").build());
        DesiredStamp.forgetChildrenOf(stack);
        assertThat(DesiredStamp.unchanged(inCluster(desired, 5), desired))
                .as("forgotten with its stack: first sight again").isTrue();
        assertThat(DesiredStamp.unchanged(inCluster(desired, 6), desired))
                .as("changes by others count from the first sight").isFalse();
    }

    /**
     * A stack's stamps are remembered between reconciles (the hash is computed again only when the JSON changed),
     * and are the same as computed afresh: going back and forth between two states, and after the stack is forgotten.
     */
    @Test
    void aStacksRememberedStampsAreTheOnesComputedAfresh() {
        PanStack stack = new PanStack();
        stack.setMetadata(new ObjectMetaBuilder().withName("bi").withNamespace("analytics").withUid("remembering")
                .build());
        String older = stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11")));
        String newer = stampOf(DesiredStamp.stamp(desired("pi/renderer:2024_04")));

        long hashes = DesiredStamp.hashesComputed();
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11"), stack))).isEqualTo(older);
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11"), stack))).isEqualTo(older);
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11"), stack))).isEqualTo(older);
        assertThat(DesiredStamp.hashesComputed() - hashes).as("hashed once, then remembered").isEqualTo(1);
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2024_04"), stack))).as("changed").isEqualTo(newer);
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11"), stack))).as("back").isEqualTo(older);
        Deployment annotated = new DeploymentBuilder(desired("pi/renderer:2023_11")).editMetadata()
                .addToAnnotations("note", "x").endMetadata().build();
        assertThat(stampOf(DesiredStamp.stamp(annotated, stack))).as("a change outside the spec")
                .isEqualTo(stampOf(DesiredStamp.stamp(new DeploymentBuilder(annotated).build()))).isNotEqualTo(older);

        DesiredStamp.forgetChildrenOf(stack);
        assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2024_04"), stack))).isEqualTo(newer);
    }

    /** Two children of one stack with one name (the dashboard's Deployment and PodDisruptionBudget) each keep theirs. */
    @Test
    void aStacksChildrenOfOneNameKeepTheirOwnStamps() {
        PanStack stack = new PanStack();
        stack.setMetadata(new ObjectMetaBuilder().withName("bi").withNamespace("analytics").withUid("two-kinds").build());
        PodDisruptionBudget budget = new PodDisruptionBudgetBuilder().withNewMetadata().withName("bi-renderer")
                .withNamespace("analytics").endMetadata().withNewSpec().withNewMinAvailable(1).endSpec().build();
        String budgetStamp = DesiredStamp.stamp(new PodDisruptionBudgetBuilder(budget).build()).getMetadata()
                .getAnnotations().get(DesiredStamp.ANNOTATION);
        String deploymentStamp = stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11")));

        for (int round = 0; round < 2; round++) {
            assertThat(stampOf(DesiredStamp.stamp(desired("pi/renderer:2023_11"), stack))).isEqualTo(deploymentStamp);
            assertThat(DesiredStamp.stamp(new PodDisruptionBudgetBuilder(budget).build(), stack).getMetadata()
                    .getAnnotations().get(DesiredStamp.ANNOTATION)).isEqualTo(budgetStamp);
        }
    }

    /** The dashboard's PodDisruptionBudget and Deployment share a name; each one's changes count on their own. */
    @Test
    void twoChildrenOfOneNameAreToldApart() {
        Deployment deployment = DesiredStamp.stamp(desired("pi/dashboard:2023_11"));
        DesiredStamp.written(new DeploymentBuilder(inCluster(deployment, 9)).editMetadata().withUid("deployment-uid")
                .endMetadata().build());
        PodDisruptionBudget budget = DesiredStamp.stamp(new PodDisruptionBudgetBuilder().withNewMetadata()
                .withName("bi-renderer").withNamespace("analytics").endMetadata().withNewSpec().withNewMinAvailable(1)
                .endSpec().build());
        PodDisruptionBudget seen = new PodDisruptionBudgetBuilder(budget).editMetadata().withUid("budget-uid")
                .withGeneration(1L).endMetadata().build();

        assertThat(DesiredStamp.unchanged(seen, budget)).isTrue();
        assertThat(DesiredStamp.unchanged(new PodDisruptionBudgetBuilder(seen).editMetadata().withGeneration(2L)
                .endMetadata().build(), budget)).as("edited, whatever the Deployment's generation").isFalse();
    }
}
