package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.ComponentStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.UpgradeGate;
import io.panstack.operator.status.Conditions;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * The upgrade's events follow what runs, not the reason a condition happens to show; a verification is announced
 * with what its pod found, even when the pod reached the cache after its Job.
 */
@Tag(Tiers.UNIT)
@EnableKubernetesMockClient(crud = true)
class StatusEventsTest {
    KubernetesClient client;

    static PanStackStatus status(String reconcilingReason, String dashboardVersion) {
        PanStackStatus status = new PanStackStatus();
        status.setConditions(List.of(Conditions.make(List.of(), Conditions.RECONCILING, true, reconcilingReason, "m", 2,
                Instant.parse("2026-11-20T01:00:00Z"))));
        status.setComponents(List.of(new ComponentStatus("dashboard", "ghcr.io/pi-cr/server:" + dashboardVersion, 1, 1, 1,
                null)));
        return status;
    }

    List<String> reasons() {
        return client.v1().events().inAnyNamespace().list().getItems().stream().map(Event::getReason).toList();
    }

    @Test
    void aReconcileErrorDuringAHeldUpgradeAnnouncesNoRollOut() {
        PanStack stack = TestStacks.resource("bi", "version: '2024_08'\nbackup: {}\n");

        StatusEvents.announce(client, stack, status(UpgradeGate.WAITING, "2023_11"), status("ReconcileError", "2023_11"));
        assertThat(reasons()).doesNotContain("SafetyBackupTaken");

        StatusEvents.announce(client, stack, status(UpgradeGate.WAITING, "2023_11"), status("RollingOut", "2024_08"));
        assertThat(reasons()).containsOnlyOnce("SafetyBackupTaken");
    }

    static PanStackStatus verified(String result, String backup, String message) {
        BackupStatus verification = new BackupStatus();
        verification.setLastVerificationTime("2026-11-29T04:10:00Z");
        verification.setLastVerificationResult(result);
        verification.setLastVerificationBackup(backup);
        verification.setLastVerificationMessage(message);
        PanStackStatus status = new PanStackStatus();
        status.setBackup(verification);
        return status;
    }

    @Test
    void aVerificationWhosePodArrivesAfterItsJobIsAnnouncedWithWhatThePodFound() {
        PanStack stack = TestStacks.resource("bi", "backup: {}\n");
        PanStackStatus jobOnly = verified("Error", null, "Job bi-verify-1 failed: kubectl logs job/bi-verify-1");
        PanStackStatus withPod = verified("Failed", "dashboard-20261129T020000Z.sql.gz", "the dump held 500");

        StatusEvents.announce(client, stack, null, jobOnly);
        StatusEvents.announce(client, stack, jobOnly, withPod);
        StatusEvents.announce(client, stack, withPod, withPod);

        assertThat(reasons()).containsExactlyInAnyOrder("BackupVerificationError", "BackupVerificationFailed");
    }
}
