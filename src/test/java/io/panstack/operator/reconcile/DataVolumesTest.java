package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The claims holding a stack's data. */
@Tag(Tiers.UNIT)
class DataVolumesTest {

    static final Stack CUSTOM = TestStacks.withSpec("""
            version: '2025_10.1'
            database:
              inCluster:
                storage:
                  size: 50Gi
                  storageClassName: fast-ssd
            files:
              persistentVolume:
                size: 10Gi
                accessMode: ReadWriteMany
                storageClassName: nfs-client
            """);

    @Test
    void databaseClaimIsNamedAfterTheStack() {
        PersistentVolumeClaim claim = DataVolumes.database(TestStacks.minimal());

        assertThat(claim.getMetadata().getName()).isEqualTo("bi-mariadb-data");
        assertThat(claim.getMetadata().getNamespace()).isEqualTo("analytics");
    }

    @Test
    void databaseClaimIsReadWriteOnceWithTheSpecsSizeAndClass() {
        PersistentVolumeClaim claim = DataVolumes.database(CUSTOM);

        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
    }

    /** Null, not "": an empty class name would ask for a volume with no class rather than the default one. */
    @Test
    void databaseClaimDefaultsTo20GiOfTheClustersDefaultClass() {
        PersistentVolumeClaim claim = DataVolumes.database(TestStacks.minimal());

        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
        assertThat(claim.getSpec().getStorageClassName()).isNull();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    }

    @Test
    void databaseClaimIsLabelledAsTheStacksMariaDbData() {
        assertThat(DataVolumes.database(TestStacks.minimal()).getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "panintelligence")
                .containsEntry("app.kubernetes.io/instance", "bi")
                .containsEntry("app.kubernetes.io/component", "mariadb")
                .containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
    }

    @Test
    void filesClaimIsNamedAfterTheStack() {
        PersistentVolumeClaim claim = DataVolumes.files(TestStacks.minimal());

        assertThat(claim.getMetadata().getName()).isEqualTo("bi-files");
        assertThat(claim.getMetadata().getNamespace()).isEqualTo("analytics");
    }

    @Test
    void filesClaimTakesAccessModeSizeAndClassFromTheSpec() {
        PersistentVolumeClaim claim = DataVolumes.files(CUSTOM);

        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("nfs-client");
    }

    @Test
    void filesClaimDefaultsToReadWriteOnce5GiOfTheClustersDefaultClass() {
        PersistentVolumeClaim claim = DataVolumes.files(TestStacks.minimal());

        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("5Gi"));
        assertThat(claim.getSpec().getStorageClassName()).isNull();
    }

    @Test
    void filesClaimIsLabelledAsTheStacksFiles() {
        assertThat(DataVolumes.files(TestStacks.minimal()).getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", "bi")
                .containsEntry("app.kubernetes.io/component", "files")
                .containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
    }

    /** Whether the data goes with the PanStack is the deletion policy's call, made by the reconciler. */
    @Test
    void builderSetsNoOwnerSoDataOutlivesThePanStackByDefault() {
        assertThat(DataVolumes.database(CUSTOM).getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(DataVolumes.files(CUSTOM).getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void claimsAreNotBoundToAVolumeOrSelector() {
        for (PersistentVolumeClaim claim : new PersistentVolumeClaim[] { DataVolumes.database(CUSTOM),
                DataVolumes.files(CUSTOM) }) {
            assertThat(claim.getSpec().getVolumeName()).isNull();
            assertThat(claim.getSpec().getSelector()).isNull();
        }
    }
}
