package io.panstack.operator.reconcile;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.database.DatabaseCredentials;
import io.panstack.operator.kube.DataObjects;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * The objects holding a stack's data: the database volume and its credentials (in-cluster mode) and the files
 * volume. Kept apart from the workflow of dependents on purpose: they are created, grown and (per deletionPolicy)
 * owned here, and no code path deletes or replaces them. They are checked before anything changes, so a spec
 * these objects cannot follow stalls the stack instead of half-applying.
 */
class PersistentData {
    private static final List<String> CREDENTIAL_KEYS = List.of(DatabaseConnection.USERNAME_KEY,
            DatabaseConnection.PASSWORD_KEY, DatabaseCredentials.ROOT_PASSWORD_KEY);

    private final SecureRandom random;

    public PersistentData(SecureRandom random) {
        this.random = random;
    }

    /**
     * Brings the data objects in line with the spec. Everything is looked up once and checked first: when the
     * objects cannot follow the spec, the problem is returned and nothing is changed. Otherwise creates what is
     * missing, grows volumes and sets ownership per deletionPolicy; returns a problem the API server raised (e.g. a
     * storage class that cannot expand), or null.
     */
    public Problem reconcile(Stack stack, Context<PanStack> context) {
        DataObjects objects = new DataObjects(context);
        Found found = Found.lookUp(stack, objects);
        Problem problem = check(stack, found);
        if (problem != null) {
            return problem;
        }
        PanStack owner = stack.resource();
        if (stack.database().mode() == DatabaseMode.Rds) {
            // Created by the RDS step, right before the instance; here it only follows the deletion policy.
            found.credentials().ifPresent(secret -> objects.followDeletionPolicy(secret, owner));
        }
        if (stack.database().mode() == DatabaseMode.InCluster) {
            found.credentials().ifPresentOrElse(
                    secret -> objects.followDeletionPolicy(secret, owner),
                    () -> objects.create(DatabaseCredentials.generate(stack, random), owner));
            problem = reconcileVolume(objects, found.databaseVolume(), DataVolumes.database(stack), owner, false);
            if (problem != null) {
                return problem;
            }
        }
        problem = reconcileVolume(objects, found.files(), DataVolumes.files(stack), owner, false);
        if (problem == null && backsUpToVolume(stack)) {
            problem = reconcileVolume(objects, found.backups(), DataVolumes.backups(stack), owner, true);
        }
        return problem;
    }

    /**
     * The finalizer's step for the data objects, with the deletionPolicy read at that moment: their owner references
     * and their volumes' reclaim policy follow it before the PanStack goes. Kubernetes' garbage collector acts on the
     * owner references it finds then, so a switch from Delete to Retain just before the deletion keeps the data even
     * when no reconcile ran in between. Creates nothing.
     */
    static void followPolicyOnDeletion(Stack stack, Context<PanStack> context) {
        DataObjects objects = new DataObjects(context);
        Found found = Found.lookUp(stack, objects);
        PanStack owner = stack.resource();
        found.credentials().filter(secret -> DataObjects.belongsTo(secret, stack.name()))
                .ifPresent(secret -> objects.followDeletionPolicy(secret, owner));
        followOnDeletion(objects, found.databaseVolume(), stack, false);
        followOnDeletion(objects, found.files(), stack, false);
        // Looked up whether or not backups go to a volume now: one left from before keeps its backups too.
        followOnDeletion(objects, objects.find(PersistentVolumeClaim.class, stack.namespace(),
                stack.names().backupVolume()), stack, true);
    }

    private static void followOnDeletion(DataObjects objects, Optional<PersistentVolumeClaim> claim, Stack stack,
            boolean recoveryPoint) {
        PanStack owner = stack.resource();
        claim.filter(c -> DataObjects.belongsTo(c, stack.name())).ifPresent(c -> followPolicy(objects, c, owner,
                recoveryPoint));
    }

    /** The claim's owner reference and its volume's reclaim policy, as deletionPolicy (read now) says. */
    private static void followPolicy(DataObjects objects, PersistentVolumeClaim claim, PanStack owner,
            boolean recoveryPoint) {
        objects.followDeletionPolicy(claim, owner, recoveryPoint);
        VolumeReclaim.follow(objects.client(), claim, owner.getSpec().deletesWithStack(recoveryPoint));
    }

    /** Logical backups go to a volume of their own when the stack has no bucket. */
    static boolean backsUpToVolume(Stack stack) {
        return stack.spec().backsUp() && stack.spec().getBucket() == null;
    }

    /** The data objects as they are now (the in-cluster ones only in that mode). */
    private record Found(Optional<Secret> credentials, Optional<PersistentVolumeClaim> databaseVolume,
            Optional<PersistentVolumeClaim> files, Optional<PersistentVolumeClaim> backups) {

        static Found lookUp(Stack stack, DataObjects objects) {
            boolean inCluster = stack.database().mode() == DatabaseMode.InCluster;
            boolean generated = inCluster || generatesRdsLogin(stack);
            String namespace = stack.namespace();
            return new Found(
                    generated ? objects.find(Secret.class, namespace, stack.names().databaseCredentials()) : Optional.empty(),
                    inCluster ? objects.find(PersistentVolumeClaim.class, namespace, stack.names().databaseVolume()) : Optional.empty(),
                    objects.find(PersistentVolumeClaim.class, namespace, stack.names().filesVolume()),
                    backsUpToVolume(stack)
                            ? objects.find(PersistentVolumeClaim.class, namespace, stack.names().backupVolume())
                            : Optional.empty());
        }
    }

    private static boolean generatesRdsLogin(Stack stack) {
        return stack.database().mode() == DatabaseMode.Rds
                && stack.spec().getDatabase().getRds().getCredentialsSecretRef() == null;
    }

    /** What stops the data objects from following the spec, or null. */
    private static Problem check(Stack stack, Found found) {
        if (generatesRdsLogin(stack)) {
            Problem problem = foreign(found.credentials(), stack);
            if (problem != null) {
                return problem;
            }
        }
        if (stack.database().mode() == DatabaseMode.InCluster) {
            Problem problem = firstOf(
                    foreign(found.credentials(), stack),
                    foreign(found.databaseVolume(), stack),
                    found.credentials().isEmpty() && found.databaseVolume().isPresent() ? credentialsLost(stack) : null,
                    found.credentials().map(secret -> incomplete(secret, stack)).orElse(null),
                    found.databaseVolume().map(claim -> cannotFollow(claim, DataVolumes.database(stack))).orElse(null));
            if (problem != null) {
                return problem;
            }
        }
        return firstOf(foreign(found.files(), stack),
                found.files().map(claim -> cannotFollow(claim, DataVolumes.files(stack))).orElse(null),
                foreign(found.backups(), stack),
                found.backups().map(claim -> cannotFollow(claim, DataVolumes.backups(stack))).orElse(null));
    }

    /** @param recoveryPoint the claim holds backups (see PanStackSpec#deletesWithStack) */
    private static Problem reconcileVolume(DataObjects objects, Optional<PersistentVolumeClaim> existing,
            PersistentVolumeClaim desired, PanStack owner, boolean recoveryPoint) {
        if (existing.isEmpty()) {
            objects.create(desired, owner, recoveryPoint);
            return null;
        }
        PersistentVolumeClaim claim = existing.get();
        followPolicy(objects, claim, owner, recoveryPoint);
        Quantity wanted = requested(desired);
        if (bytes(wanted).compareTo(bytes(requested(claim))) > 0) {
            if (!bound(claim)) {
                // Kubernetes grows only a bound claim (a Pending one is refused with 422, not for want of expansion);
                // the claim's binding reaches the reconciler, which grows it then.
                return null;
            }
            try {
                objects.mergePatch(claim, "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"" + wanted + "\"}}}}");
            } catch (KubernetesClientException e) {
                if (e.getCode() == 403 || e.getCode() == 422) {
                    return new Problem("VolumeExpansionRefused", "Cannot grow PersistentVolumeClaim "
                            + claim.getMetadata().getName() + " to " + wanted + ": " + e.getStatus().getMessage()
                            + ". Its storage class must allow volume expansion; set the size back to "
                            + requested(claim) + " or change the storage class's allowVolumeExpansion.");
                }
                throw e;
            }
        }
        return null;
    }

    private static boolean bound(PersistentVolumeClaim claim) {
        return claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
    }

    private static Problem foreign(Optional<? extends HasMetadata> object, Stack stack) {
        return object.filter(o -> !DataObjects.belongsTo(o, stack.name()))
                .map(o -> new Problem("NameConflict", o.getKind() + " " + o.getMetadata().getName()
                        + " already exists and was not created by the operator for this PanStack, so it is left alone."
                        + " Rename the PanStack, remove that object, or, to hand it over, label it"
                        + " app.kubernetes.io/managed-by=panstack-operator and app.kubernetes.io/instance=" + stack.name()))
                .orElse(null);
    }

    private static Problem credentialsLost(Stack stack) {
        return new Problem("DatabaseCredentialsLost", "The database volume " + stack.names().databaseVolume()
                + " exists but its credentials Secret " + stack.names().databaseCredentials() + " is gone. New"
                + " passwords would not match the ones stored in the database, so none are generated: restore the"
                + " Secret (keys username, password, root-password) from your copy of it.");
    }

    private static Problem incomplete(Secret secret, Stack stack) {
        List<String> missing = CREDENTIAL_KEYS.stream()
                .filter(key -> secret.getData() == null || !secret.getData().containsKey(key)).toList();
        return missing.isEmpty() ? null : new Problem("DatabaseCredentialsIncomplete", "Secret "
                + stack.names().databaseCredentials() + " lacks the keys " + String.join(", ", missing)
                + "; restore them from your copy of the Secret.");
    }

    /** Changes a bound claim cannot take: shrinking, another storage class, another access mode. */
    static Problem cannotFollow(PersistentVolumeClaim actual, PersistentVolumeClaim desired) {
        String name = actual.getMetadata().getName();
        Quantity have = requested(actual);
        Quantity want = requested(desired);
        if (bytes(want).compareTo(bytes(have)) < 0) {
            return new Problem("VolumeShrinkRefused", "PersistentVolumeClaim " + name + " is " + have
                    + " and cannot shrink to " + want + " (Kubernetes volumes only grow). Set the size to " + have
                    + " or more.");
        }
        String wantedClass = desired.getSpec().getStorageClassName();
        if (wantedClass != null && !wantedClass.equals(actual.getSpec().getStorageClassName())) {
            return new Problem("StorageClassChangeRefused", "PersistentVolumeClaim " + name + " uses storage class "
                    + actual.getSpec().getStorageClassName() + "; a claim's class cannot change. Set storageClassName"
                    + " back, or move the data to a new PanStack.");
        }
        if (!Objects.equals(actual.getSpec().getAccessModes(), desired.getSpec().getAccessModes())) {
            return new Problem("AccessModeChangeRefused", "PersistentVolumeClaim " + name + " is "
                    + actual.getSpec().getAccessModes() + "; a claim's access mode cannot change. Set accessMode back,"
                    + " or move the files to a new PanStack.");
        }
        return null;
    }

    private static Quantity requested(PersistentVolumeClaim claim) {
        return claim.getSpec().getResources().getRequests().get("storage");
    }

    private static BigDecimal bytes(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
    }

    private static Problem firstOf(Problem... problems) {
        for (Problem problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
