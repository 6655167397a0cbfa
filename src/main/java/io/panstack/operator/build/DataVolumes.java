package io.panstack.operator.build;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.panstack.operator.api.v1alpha1.FilesVolumeSpec;
import io.panstack.operator.api.v1alpha1.VolumeSpec;
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

    public static PersistentVolumeClaim files(Stack stack) {
        FilesVolumeSpec storage = stack.spec().getFiles().getPersistentVolume();
        return claim(stack, stack.names().filesVolume(), StackLabels.FILES, storage, storage.accessMode().name());
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
}
