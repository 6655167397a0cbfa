package io.panstack.operator.files;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.cloud.EfsState;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * Creates the PersistentVolume that points the files claim at the stack's EFS access point. A volume's handle cannot
 * change, so one pointing elsewhere (e.g. kept from an earlier PanStack of the same name) stalls the stack.
 */
public final class EfsVolume {

    private EfsVolume() {
    }

    public static Problem reconcile(Stack stack, EfsState efs, KubernetesClient client) {
        if (efs.accessPointId() == null) {
            return null; // not there yet: the claim waits, unbound
        }
        PersistentVolume desired = EfsVolumes.desired(stack, efs.volumeHandle());
        String name = desired.getMetadata().getName();
        PersistentVolume existing = client.persistentVolumes().withName(name).get();
        if (existing == null) {
            client.resource(desired).create();
            return null;
        }
        String handle = existing.getSpec().getCsi() == null ? null : existing.getSpec().getCsi().getVolumeHandle();
        if (!efs.volumeHandle().equals(handle)) {
            return new Problem("FilesVolumeBoundElsewhere", "PersistentVolume " + name + " points at " + handle
                    + ", not at this stack's file system and access point " + efs.volumeHandle() + ". To keep those"
                    + " files, adopt that file system with spec.files.efs.fileSystemId; to start afresh, delete the"
                    + " PersistentVolumeClaim " + stack.names().filesVolume() + " and the PersistentVolume " + name
                    + " (the file system itself is not touched).");
        }
        return null;
    }

    /** Under deletionPolicy Delete the file system goes, so its volume object goes too. */
    public static void delete(Stack stack, KubernetesClient client) {
        client.persistentVolumes().withName(EfsVolumes.desired(stack, "-").getMetadata().getName()).delete();
    }
}
