package io.panstack.operator.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.FilesAccessMode;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.api.v1alpha1.SecretKeyReference;
import io.panstack.operator.hibernation.Hibernation;
import io.panstack.operator.kube.Failures;
import io.panstack.operator.network.NetworkIsolation;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.status.Problem;

/**
 * Checks what the schema cannot: Secrets the spec refers to, and the rules the schema also enforces but that an
 * older CRD or a direct write could have let through. Reads only; the first problem found is returned.
 */
class SpecValidator {
    static final int MAX_NAME_LENGTH = 40;
    private static final Logger LOG = Logger.getLogger(SpecValidator.class);
    private final Duration recheck;

    public SpecValidator(Duration recheck) {
        this.recheck = recheck;
    }

    public Problem validate(Stack stack, Context<PanStack> context) {
        PanStackSpec spec = stack.spec();
        String name = stack.name();
        if (name.length() > MAX_NAME_LENGTH || !name.matches("[a-z]([-a-z0-9]*[a-z0-9])?")) {
            return new Problem("InvalidName", "The PanStack name must be at most " + MAX_NAME_LENGTH
                    + " characters of lower-case letters, digits and '-', starting with a letter; create it again under such a name.");
        }
        if (spec.getVersion() == null || spec.getVersion().isBlank()) {
            return new Problem("VersionMissing", "Set spec.version to the Pi release to run, e.g. 2025_10.1.");
        }
        if (spec.getDashboard().maxReplicas() > 1 && spec.getFiles().getEfs() == null
                && spec.getFiles().getPersistentVolume().accessMode() != FilesAccessMode.ReadWriteMany) {
            return new Problem("SharedFilesRequired", "dashboard " + (spec.getDashboard().autoscaling() != null
                    ? "autoscaling.maxReplicas" : "replicas") + " is " + spec.getDashboard().maxReplicas()
                    + " but the files volume is ReadWriteOnce, which only one node can mount. Use one replica, or"
                    + " files.efs, or files.persistentVolume.accessMode ReadWriteMany with a storage class that offers it.");
        }
        if (spec.getIngress().enabled() && stack.externalUrl() == null) {
            return new Problem("ExternalUrlRequired", "ingress.enabled needs spec.externalUrl, which gives the Ingress its host.");
        }
        Problem hibernation = Hibernation.invalid(stack);
        if (hibernation != null) {
            return hibernation;
        }
        Problem network = NetworkIsolation.invalidSource(stack);
        if (network != null) {
            return network;
        }
        Problem syntax = firstOf(SpecSyntax.invalid(spec), SpecSyntax.invalidSchedule(spec),
                SpecSyntax.invalidExternalUrl(spec, stack.externalUrl()));
        if (syntax != null) {
            return syntax;
        }
        Problem modeChange = modeChange(stack, context);
        if (modeChange != null) {
            return modeChange;
        }
        KubernetesClient client = context.getClient();
        if (spec.getLicence() != null && spec.getLicence().getSecretKeyRef() != null) {
            SecretKeyReference ref = spec.getLicence().getSecretKeyRef();
            Problem problem = missingKeys(client, stack, ref.getName(), List.of(ref.getKey()), "Licence",
                    "the licence (spec.licence.secretKeyRef)");
            if (problem != null) {
                return problem;
            }
        }
        if (stack.database().mode() == DatabaseMode.Rds && spec.getDatabase().getRds().getCredentialsSecretRef() != null) {
            return missingKeys(client, stack, stack.database().credentialsSecret(),
                    List.of(DatabaseConnection.USERNAME_KEY, DatabaseConnection.PASSWORD_KEY), "DatabaseCredentials",
                    "the adopted RDS instance's login (spec.database.rds.credentialsSecretRef)");
        }
        if (stack.database().mode() == DatabaseMode.External) {
            return missingKeys(client, stack, stack.database().credentialsSecret(),
                    List.of(DatabaseConnection.USERNAME_KEY, DatabaseConnection.PASSWORD_KEY), "DatabaseCredentials",
                    "the external database login (spec.database.external.credentialsSecretRef)");
        }
        return null;
    }

    /** The schema makes the mode immutable; this catches what got past it, before anything is changed. */
    private static Problem modeChange(Stack stack, Context<PanStack> context) {
        DatabaseMode wanted = stack.database().mode();
        boolean runsInCluster = context.getSecondaryResource(StatefulSet.class).isPresent();
        var status = stack.resource().getStatus();
        DatabaseMode recorded = status != null && status.getDatabase() != null ? status.getDatabase().getMode() : null;
        if ((wanted != DatabaseMode.InCluster && runsInCluster)
                || (recorded != null && recorded != wanted)) {
            return new Problem("DatabaseModeChanged", "The database mode cannot change from "
                    + (runsInCluster ? DatabaseMode.InCluster : recorded) + " to " + wanted
                    + ": the dashboard would start on a different, empty repository. Set it back; to move, create a"
                    + " new PanStack and restore a backup into it.");
        }
        return filesChange(stack);
    }

    /** The schema keeps files on one backend; this catches what got past it. */
    private static Problem filesChange(Stack stack) {
        var status = stack.resource().getStatus();
        boolean wasEfs = status != null && status.getFiles() != null && status.getFiles().getFileSystemId() != null;
        if (wasEfs && stack.spec().getFiles().getEfs() == null) {
            return new Problem("FilesBackendChanged", "The files are on EFS file system "
                    + status.getFiles().getFileSystemId() + " and cannot move to a PersistentVolumeClaim: set"
                    + " spec.files.efs back.");
        }
        return null;
    }

    private static Problem firstOf(Problem... problems) {
        return java.util.Arrays.stream(problems).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private Problem missingKeys(KubernetesClient client, Stack stack, String secretName, List<String> keys,
            String reasonPrefix, String what) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(stack.namespace()).withName(secretName).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0 && e.getCode() < 500 && e.getCode() != 429) {
                throw e; // refused (e.g. RBAC): said in status, not taken for "cannot answer now"
            }
            // Only a check: the pods name the Secret themselves. An API server that cannot answer now (a 5xx, a
            // time-out, a key management outage that fails only Secret reads) holds nothing; the next pass looks again.
            LOG.debugf("Could not read Secret %s/%s to check %s: %s", stack.namespace(), secretName, what,
                    Failures.describe(e));
            return null;
        }
        if (secret == null) {
            return new Problem(reasonPrefix + "SecretNotFound", "Secret " + secretName + " for " + what
                    + " does not exist in namespace " + stack.namespace() + ". Create it; the operator checks again"
                    + " every " + recheck.toSeconds() + " s.");
        }
        List<String> missing = keys.stream().filter(key -> !hasKey(secret, key)).toList();
        if (!missing.isEmpty()) {
            return new Problem(reasonPrefix + "KeyNotFound", "Secret " + secretName + " for " + what
                    + " has no key " + String.join(", ", missing) + ". Add it to the Secret.");
        }
        return null;
    }

    private static boolean hasKey(Secret secret, String key) {
        return contains(secret.getData(), key) || contains(secret.getStringData(), key);
    }

    private static boolean contains(Map<String, String> map, String key) {
        return map != null && map.containsKey(key);
    }
}
