package io.panstack.operator.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Deleting a namespace deletes its claims whatever the PanStack's deletionPolicy says, and a dynamically provisioned
 * volume's reclaim policy is usually Delete: the data would go with them. So while a data claim is kept with the
 * stack (Retain, Snapshot) the volume it is bound to gets reclaim policy Retain, and it gets back the policy it had
 * once the claim goes with the stack (Delete). What it had is kept on the volume itself.
 *
 * <p>Only a volume bound to this very claim (its claimRef names the claim's uid) is touched, and only its reclaim
 * policy, to one of the two values: a claim names its volume, and a claim's annotations and volumeName are not
 * to be trusted to point the operator at someone else's volume. Best effort: a refusal is logged and never holds
 * the stack or its deletion; the next reconcile tries again.
 */
final class VolumeReclaim {
    private static final Logger LOG = Logger.getLogger(VolumeReclaim.class);
    /** On a volume: the reclaim policy it had before the operator set Retain. */
    static final String ORIGINAL_POLICY = "panstack.io/original-reclaim-policy";
    static final String RETAIN = "Retain";
    static final String DELETE = "Delete";
    /** Volume and claim uid to what was last made of them here: the volume is read again only when that changes. */
    private static final Map<String, Boolean> SETTLED = new ConcurrentHashMap<>();

    private VolumeReclaim() {
    }

    /** @param deletedWithStack the claim goes with the PanStack (see PanStackSpec#deletesWithStack) */
    static void follow(KubernetesClient client, PersistentVolumeClaim claim, boolean deletedWithStack) {
        String volume = DataVolumes.boundVolume(claim);
        if (volume == null) {
            return; // not bound yet: binding updates the claim, which brings the stack back here
        }
        String key = volume + "/" + claim.getMetadata().getUid();
        if (Boolean.valueOf(deletedWithStack).equals(SETTLED.get(key))) {
            return;
        }
        try {
            PersistentVolume pv = client.persistentVolumes().withName(volume).get();
            if (pv == null || !boundTo(pv, claim)) {
                return;
            }
            String had = pv.getSpec().getPersistentVolumeReclaimPolicy();
            Map<String, String> annotations = pv.getMetadata().getAnnotations();
            String original = annotations == null ? null : annotations.get(ORIGINAL_POLICY);
            if (!deletedWithStack && !RETAIN.equals(had)) {
                patch(client, volume, RETAIN, DELETE.equals(had) ? DELETE : RETAIN);
            } else if (deletedWithStack && DELETE.equals(original) && RETAIN.equals(had)) {
                patch(client, volume, DELETE, null);
            }
            SETTLED.put(key, deletedWithStack);
        } catch (KubernetesClientException e) {
            LOG.warnf("Could not set the reclaim policy of PersistentVolume %s (claim %s/%s): %s", volume,
                    claim.getMetadata().getNamespace(), claim.getMetadata().getName(), e.getMessage());
        }
    }

    private static boolean boundTo(PersistentVolume pv, PersistentVolumeClaim claim) {
        return pv.getSpec() != null && pv.getSpec().getClaimRef() != null && claim.getMetadata().getUid() != null
                && claim.getMetadata().getUid().equals(pv.getSpec().getClaimRef().getUid())
                && claim.getMetadata().getNamespace().equals(pv.getSpec().getClaimRef().getNamespace());
    }

    /** Sets the reclaim policy; records (a value of two) or drops (null) the original on the volume. */
    private static void patch(KubernetesClient client, String volume, String reclaimPolicy, String original) {
        String annotation = original == null ? "null" : "\"" + original + "\"";
        client.persistentVolumes().withName(volume).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + ORIGINAL_POLICY + "\":" + annotation + "}},"
                        + "\"spec\":{\"persistentVolumeReclaimPolicy\":\"" + reclaimPolicy + "\"}}");
    }
}
