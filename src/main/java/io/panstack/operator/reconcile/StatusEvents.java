package io.panstack.operator.reconcile;

import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.HibernationStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.backup.Verifications;
import io.panstack.operator.backup.UpgradeGate;
import io.panstack.operator.kube.StackEvents;
import io.panstack.operator.stack.Component;
import io.panstack.operator.status.Conditions;

/**
 * Events for what changed between two statuses and a human should know: the stack stalled, a backup failed or
 * stopped being fresh, a backup asked for on demand started. Each once, on the change.
 */
final class StatusEvents {

    private static final String SAFETY = UpgradeGate.WAITING;

    private StatusEvents() {
    }

    static void announce(KubernetesClient client, PanStack stack, PanStackStatus before, PanStackStatus after) {
        turnedTrue(before, after, Conditions.STALLED).ifPresent(c -> StackEvents.warning(client, stack, c.getReason(),
                c.getMessage()));
        turnedFalse(before, after, Conditions.BACKUP_HEALTHY).ifPresent(c -> StackEvents.warning(client, stack,
                c.getReason(), c.getMessage()));
        boolean wasHeld = find(before, Conditions.RECONCILING).map(c -> SAFETY.equals(c.getReason())).orElse(false);
        Optional<Condition> held = find(after, Conditions.RECONCILING).filter(c -> SAFETY.equals(c.getReason()));
        if (held.isPresent() && !wasHeld) {
            StackEvents.normal(client, stack, "UpgradeWaitsForBackup", held.get().getMessage());
        } else if (held.isEmpty() && wasHeld && rollsOut(after, stack.getSpec().getVersion())) {
            StackEvents.normal(client, stack, "SafetyBackupTaken", "The backup before the upgrade has finished; Pi "
                    + stack.getSpec().getVersion() + " rolls out");
        }
        announceSleep(client, stack, before, after);
        BackupStatus old = before == null || before.getBackup() == null ? new BackupStatus() : before.getBackup();
        BackupStatus now = after.getBackup();
        if (now == null) {
            return;
        }
        if (now.getLastFailureTime() != null && !now.getLastFailureTime().equals(old.getLastFailureTime())) {
            StackEvents.warning(client, stack, "BackupFailed", "A backup run failed at " + now.getLastFailureTime()
                    + "; its Job is kept: kubectl get jobs -l app.kubernetes.io/instance="
                    + stack.getMetadata().getName() + ",app.kubernetes.io/component=backup, then kubectl logs job/<name>");
        }
        if (now.getLastVerifyRequest() != null && !now.getLastVerifyRequest().equals(old.getLastVerifyRequest())) {
            StackEvents.normal(client, stack, "VerificationStarted", "Verification asked for with "
                    + Verifications.VERIFY_NOW + "=" + now.getLastVerifyRequest() + " started");
        }
        if (now.getLastVerificationTime() != null && verificationChanged(old, now)) {
            String what = (now.getLastVerificationBackup() == null ? "" : now.getLastVerificationBackup() + ": ")
                    + now.getLastVerificationMessage();
            if (Verifications.Result.Passed.name().equals(now.getLastVerificationResult())) {
                StackEvents.normal(client, stack, "BackupVerified", "Restored into a scratch server and matched its"
                        + " manifest: " + what);
            } else {
                StackEvents.warning(client, stack, "BackupVerification" + now.getLastVerificationResult(),
                        "Verification " + now.getLastVerificationResult().toLowerCase(java.util.Locale.ROOT) + ": " + what);
            }
        }
        if (now.getLastOnDemandRequest() != null && !now.getLastOnDemandRequest().equals(old.getLastOnDemandRequest())) {
            StackEvents.normal(client, stack, "BackupStarted", "Backup asked for with " + Backups.BACKUP_NOW + "="
                    + now.getLastOnDemandRequest() + " started, to " + now.getLocation());
        }
    }

    /**
     * A newer verification; or the same run, now with its pod's summary (the Job can reach the cache before its pod,
     * and the run is then first known only by the Job's outcome): at most one more event a run, with the finding.
     */
    private static boolean verificationChanged(BackupStatus old, BackupStatus now) {
        return !now.getLastVerificationTime().equals(old.getLastVerificationTime()) || !Verifications.sameFinding(old,
                now.getLastVerificationResult(), now.getLastVerificationBackup(), now.getLastVerificationMessage());
    }

    /** Going to sleep, waking, and woken (spec.hibernation), each once. */
    private static void announceSleep(KubernetesClient client, PanStack stack, PanStackStatus before,
            PanStackStatus after) {
        HibernationStatus.State was = before == null || before.getHibernation() == null ? HibernationStatus.State.Awake
                : before.getHibernation().getState();
        HibernationStatus.State now = after.getHibernation() == null ? HibernationStatus.State.Awake
                : after.getHibernation().getState();
        if (was == now) {
            return;
        }
        String message = after.getHibernation() == null ? null : after.getHibernation().getMessage();
        switch (now) {
            case Asleep -> StackEvents.normal(client, stack, "Hibernating", message);
            case Waking -> StackEvents.normal(client, stack, "WakingUp", message);
            case Awake -> StackEvents.normal(client, stack, "WokeUp", "The database takes connections again; Pi starts"
                    + (after.getHibernation() != null && after.getHibernation().getNextSleepTime() != null
                            ? " (next sleep at " + after.getHibernation().getNextSleepTime() + ")" : ""));
        }
    }

    /**
     * The dashboard runs the spec's release now: the hold really ended (a reconcile error or a wait for the database
     * in between also replaces the hold's reason, and must not announce a roll-out).
     */
    private static boolean rollsOut(PanStackStatus after, String version) {
        return after.getComponents() != null && after.getComponents().stream()
                .filter(c -> Component.DASHBOARD.id().equals(c.getName()))
                .anyMatch(c -> c.getImage() != null && c.getImage().endsWith(":" + version));
    }

    private static Optional<Condition> turnedTrue(PanStackStatus before, PanStackStatus after, String type) {
        return changedTo(before, after, type, Conditions.TRUE);
    }

    private static Optional<Condition> turnedFalse(PanStackStatus before, PanStackStatus after, String type) {
        return changedTo(before, after, type, Conditions.FALSE);
    }

    private static Optional<Condition> changedTo(PanStackStatus before, PanStackStatus after, String type, String value) {
        Optional<Condition> now = find(after, type).filter(c -> value.equals(c.getStatus()));
        boolean was = find(before, type).map(c -> value.equals(c.getStatus()) && Objects.equals(c.getReason(),
                now.map(Condition::getReason).orElse(null))).orElse(false);
        return was ? Optional.empty() : now;
    }

    private static Optional<Condition> find(PanStackStatus status, String type) {
        return status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
