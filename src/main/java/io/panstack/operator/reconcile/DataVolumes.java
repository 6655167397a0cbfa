package io.panstack.operator.reconcile;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.FilesVolumeSpec;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.VolumeSpec;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.files.EfsVolumes;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The claims holding a stack's data: the database volume (in-cluster mode) and the shared files volume. Pure. */
public final class DataVolumes {

    private DataVolumes() {
    }

    public static PersistentVolumeClaim database(Stack stack) {
        VolumeSpec storage = stack.spec().getDatabase().inClusterOrDefault().getStorage();
        return claim(stack, stack.names().databaseVolume(), StackLabels.MARIADB, storage, "ReadWriteOnce");
    }

    /** Where logical backups go without a bucket (spec.backup set). */
    public static PersistentVolumeClaim backups(Stack stack) {
        return claim(stack, stack.names().backupVolume(), BackupJobs.COMPONENT, stack.spec().getBackup().getVolume(),
                "ReadWriteOnce");
    }

    public static PersistentVolumeClaim files(Stack stack) {
        if (stack.spec().getFiles().getEfs() != null) {
            return efsFiles(stack);
        }
        FilesVolumeSpec storage = stack.spec().getFiles().getPersistentVolume();
        return claim(stack, stack.names().filesVolume(), StackLabels.FILES, storage, storage.accessMode().name());
    }

    /**
     * On EFS the claim binds to the operator's PersistentVolume by name, with no storage class (static
     * provisioning). EFS is elastic: the size is only a number Kubernetes requires.
     */
    private static PersistentVolumeClaim efsFiles(Stack stack) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(stack.names().filesVolume()).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), StackLabels.FILES)).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteMany")
                .withStorageClassName("")
                .withVolumeName(AwsNames.filesPersistentVolume(stack))
                .withNewResources().addToRequests("storage", new Quantity(EfsVolumes.NOMINAL_SIZE)).endResources()
                .endSpec()
                .build();
    }

    private static PersistentVolumeClaim claim(Stack stack, String name, String component, VolumeSpec storage,
            String accessMode) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .withNewSpec()
                .withAccessModes(accessMode)
                .withStorageClassName(storage.getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(storage.size())).endResources()
                .endSpec()
                .build();
    }

    /** The PersistentVolume the stack's claim of that name is bound to (status.*.volumeName), or null. */
    static String boundVolume(Context<PanStack> context, String claimName) {
        return context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
                .filter(claim -> claimName.equals(claim.getMetadata().getName())).findFirst()
                .map(DataVolumes::boundVolume).orElse(null);
    }

    static String boundVolume(PersistentVolumeClaim claim) {
        String volume = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        return volume == null || volume.isEmpty() ? null : volume;
    }
}
