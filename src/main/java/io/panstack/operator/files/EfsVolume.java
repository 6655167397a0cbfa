package io.panstack.operator.files;

import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.cloud.EfsState;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Problem;

/**
 * Creates the PersistentVolume that points the files claim at the stack's EFS access point. A volume's handle cannot
 * change, so one pointing elsewhere (e.g. kept from an earlier PanStack of the same name) stalls the stack. Volumes
 * are cluster-scoped: one is this stack's only when its labels name this namespace and stack, whatever its name.
 */
public final class EfsVolume {

    private EfsVolume() {
    }

    /**
     * @param claimed the volume the stack's files claim names (spec.volumeName, fixed when the claim was made), null
     *                before the claim exists: a claim made before the names had a hash keeps its volume
     */
    public static Problem reconcile(Stack stack, EfsState efs, String claimed, KubernetesClient client) {
        if (efs.accessPointId() == null) {
            return null; // not there yet: the claim waits, unbound
        }
        String name = AwsNames.legacyFilesPersistentVolume(stack).equals(claimed) ? claimed
                : AwsNames.filesPersistentVolume(stack);
        PersistentVolume existing = client.persistentVolumes().withName(name).get();
        if (existing == null) {
            client.resource(EfsVolumes.desired(stack, name, efs.volumeHandle())).create();
            return null;
        }
        if (!belongsTo(existing, stack)) {
            return new Problem("NameConflict", "PersistentVolume " + name + " exists and is not labelled for this"
                    + " stack (" + StackLabels.INSTANCE + "=" + stack.name() + ", " + EfsVolumes.NAMESPACE_LABEL + "="
                    + stack.namespace() + "), so it is left alone. Remove it, or label it to hand it over.");
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

    /**
     * Under deletionPolicy Delete the file system goes, so its volume object goes too: only a volume labelled for
     * this stack, never another stack's of the same name.
     */
    public static void delete(Stack stack, KubernetesClient client) {
        own(stack, client).forEach(volume -> client.persistentVolumes().withName(volume.getMetadata().getName()).delete());
    }

    /** The stack's volumes under both names, only those labelled for it. */
    private static Stream<PersistentVolume> own(Stack stack, KubernetesClient client) {
        return Stream.of(AwsNames.filesPersistentVolume(stack), AwsNames.legacyFilesPersistentVolume(stack))
                .map(name -> client.persistentVolumes().withName(name).get())
                .filter(volume -> volume != null && belongsTo(volume, stack));
    }

    static boolean belongsTo(PersistentVolume volume, Stack stack) {
        Map<String, String> labels = volume.getMetadata().getLabels();
        return StackLabels.belongsTo(labels, stack.name())
                && stack.namespace().equals(labels.get(EfsVolumes.NAMESPACE_LABEL));
    }
}
