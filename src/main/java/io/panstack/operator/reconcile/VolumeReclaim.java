package io.panstack.operator.reconcile;

import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Deleting a namespace deletes its claims whatever the PanStack's deletionPolicy says, and a dynamically provisioned
 * volume's reclaim policy is usually Delete: the data would go with them. So under Retain and Snapshot the volume a
 * data claim is bound to gets reclaim policy Retain (the volume and its data outlive the claim and can be bound
 * again); under Delete it gets back the policy it had. What it had is kept on the claim, so the volume is read and
 * written only when that changes, never on an ordinary reconcile.
 */
final class VolumeReclaim {
    /** On a data claim: the reclaim policy its volume had before the operator set Retain. */
    static final String ORIGINAL_POLICY = "panstack.io/original-reclaim-policy";
    static final String RETAIN = "Retain";

    private VolumeReclaim() {
    }

    /** @param deletedWithStack the claim goes with the PanStack (deletionPolicy Delete, see PanStackSpec#deletesWithStack) */
    static void follow(KubernetesClient client, PersistentVolumeClaim claim, boolean deletedWithStack) {
        String volume = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        if (volume == null || volume.isEmpty()) {
            return; // not bound yet: binding updates the claim, which brings the stack back here
        }
        Map<String, String> annotations = claim.getMetadata().getAnnotations();
        String original = annotations == null ? null : annotations.get(ORIGINAL_POLICY);
        boolean keep = !deletedWithStack;
        if (keep && original == null) {
            PersistentVolume pv = client.persistentVolumes().withName(volume).get();
            if (pv == null) {
                return;
            }
            String had = pv.getSpec().getPersistentVolumeReclaimPolicy();
            if (!RETAIN.equals(had)) {
                reclaim(client, volume, RETAIN);
            }
            annotate(client, claim, "\"" + (had == null ? "Delete" : had) + "\"");
        } else if (!keep && original != null) {
            if (!RETAIN.equals(original)) {
                reclaim(client, volume, original);
            }
            annotate(client, claim, "null");
        }
    }

    private static void reclaim(KubernetesClient client, String volume, String reclaimPolicy) {
        client.persistentVolumes().withName(volume).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"persistentVolumeReclaimPolicy\":\"" + reclaimPolicy + "\"}}");
    }

    private static void annotate(KubernetesClient client, PersistentVolumeClaim claim, String jsonValue) {
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + ORIGINAL_POLICY + "\":" + jsonValue + "}}}");
    }
}
