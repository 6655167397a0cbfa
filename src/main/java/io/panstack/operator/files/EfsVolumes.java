package io.panstack.operator.files;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The PersistentVolume through which the files claim mounts the stack's EFS access point (EFS CSI driver, static
 * provisioning). Reclaim policy Retain: removing the volume object never touches the file system. Pure.
 */
public final class EfsVolumes {
    static final String CSI_DRIVER = "efs.csi.aws.com";
    /** EFS grows and shrinks by itself; Kubernetes still wants a capacity on the volume and the claim. */
    public static final String NOMINAL_SIZE = "5Gi";

    private EfsVolumes() {
    }

    /**
     * @param name         the volume's name (AwsNames#filesPersistentVolume, or the name a claim made earlier binds to)
     * @param volumeHandle "fs-…::fsap-…": the file system and the access point
     */
    public static PersistentVolume desired(Stack stack, String name, String volumeHandle) {
        return new PersistentVolumeBuilder()
                .withNewMetadata().withName(name)
                .withLabels(StackLabels.of(stack.name(), StackLabels.FILES))
                .addToLabels(NAMESPACE_LABEL, stack.namespace()).endMetadata()
                .withNewSpec()
                .addToCapacity("storage", new Quantity(NOMINAL_SIZE))
                .withAccessModes("ReadWriteMany")
                .withPersistentVolumeReclaimPolicy("Retain")
                .withStorageClassName("")
                .withNewClaimRef().withNamespace(stack.namespace()).withName(stack.names().filesVolume()).endClaimRef()
                .withNewCsi().withDriver(CSI_DRIVER).withVolumeHandle(volumeHandle).endCsi()
                .endSpec()
                .build();
    }

    /** Cluster-scoped, so the stack's namespace is a label (the instance label alone is not unique). */
    static final String NAMESPACE_LABEL = "panstack.io/namespace";
}
