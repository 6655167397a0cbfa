package io.panstack.operator.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.cloud.EfsState;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * EFS PersistentVolumes are cluster-scoped and named after namespace and stack, so two tenants' names can join alike
 * ("team-a"/"x" and "team"/"a-x"). Neither may take, block or delete the other's volume.
 */
@Tag(Tiers.UNIT)
@EnableKubernetesMockClient(crud = true)
class EfsVolumeTenancyTest {
    KubernetesClient client;

    static Stack stack(String namespace, String name) {
        PanStack resource = TestStacks.resource(name, "version: '2025_10.1'");
        resource.getMetadata().setNamespace(namespace);
        resource.getMetadata().setUid(namespace + "-" + name + "-uid");
        return Stack.of(resource);
    }

    static EfsState efs(String fileSystem) {
        return new EfsState(fileSystem, "fsap-1", null, null, null);
    }

    PersistentVolume volume(String name) {
        return client.persistentVolumes().withName(name).get();
    }

    @Test
    void stacksWhoseNamesJoinAlikeGetVolumesOfTheirOwnAndDeleteOnlyTheirs() {
        Stack first = stack("team-a", "x");
        Stack second = stack("team", "a-x");
        assertThat(AwsNames.legacyFilesPersistentVolume(first)).isEqualTo(AwsNames.legacyFilesPersistentVolume(second));

        assertThat(EfsVolume.reconcile(first, efs("fs-a"), null, client)).isNull();
        assertThat(EfsVolume.reconcile(second, efs("fs-b"), null, client)).as("not stalled by the other's volume").isNull();

        String firstName = AwsNames.filesPersistentVolume(first);
        String secondName = AwsNames.filesPersistentVolume(second);
        assertThat(firstName).isNotEqualTo(secondName);
        assertThat(volume(firstName).getSpec().getCsi().getVolumeHandle()).isEqualTo("fs-a::fsap-1");
        assertThat(volume(secondName).getSpec().getCsi().getVolumeHandle()).isEqualTo("fs-b::fsap-1");

        EfsVolume.delete(second, client);
        assertThat(volume(secondName)).isNull();
        assertThat(volume(firstName)).as("the other tenant's volume stays").isNotNull();
    }

    @Test
    void aVolumeOfTheOldNameIsKeptByItsOwnStackAndNeverTakenOrDeletedByAnother() {
        Stack owner = stack("team-a", "x");
        Stack other = stack("team", "a-x");
        String legacy = AwsNames.legacyFilesPersistentVolume(owner);
        client.resource(new PersistentVolumeBuilder(EfsVolumes.desired(owner, legacy, "fs-a::fsap-1")).build()).create();

        assertThat(EfsVolume.reconcile(owner, efs("fs-a"), legacy, client)).as("its claim still names it").isNull();
        assertThat(volume(AwsNames.filesPersistentVolume(owner))).as("no second volume for the same files").isNull();

        Problem taken = EfsVolume.reconcile(other, efs("fs-b"), legacy, client);
        assertThat(taken.reason()).isEqualTo("NameConflict");
        assertThat(taken.message()).contains(legacy).contains("left alone");
        assertThat(volume(legacy).getSpec().getCsi().getVolumeHandle()).as("unchanged").isEqualTo("fs-a::fsap-1");

        EfsVolume.delete(other, client);
        assertThat(volume(legacy)).as("another stack's deletion never reaches it").isNotNull();
        EfsVolume.delete(owner, client);
        assertThat(volume(legacy)).isNull();
    }

    @Test
    void aVolumeOfTheStacksNameNotLabelledForItIsLeftAlone() {
        Stack stack = stack("team", "bi");
        String name = AwsNames.filesPersistentVolume(stack);
        client.resource(new PersistentVolumeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("owner", "someone-else")).endMetadata().withNewSpec().endSpec().build()).create();

        assertThat(EfsVolume.reconcile(stack, efs("fs-b"), null, client).reason()).isEqualTo("NameConflict");
        EfsVolume.delete(stack, client);
        assertThat(volume(name)).isNotNull();
    }

    @Test
    void aVolumeOfThisStackPointingElsewhereStalls() {
        Stack stack = stack("team", "bi");
        assertThat(EfsVolume.reconcile(stack, efs("fs-old"), null, client)).isNull();

        Problem moved = EfsVolume.reconcile(stack, efs("fs-new"), null, client);
        assertThat(moved.reason()).isEqualTo("FilesVolumeBoundElsewhere");
        assertThat(volume(AwsNames.filesPersistentVolume(stack)).getSpec().getCsi().getVolumeHandle())
                .isEqualTo("fs-old::fsap-1");
    }
}
