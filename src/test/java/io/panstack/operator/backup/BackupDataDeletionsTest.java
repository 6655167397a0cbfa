package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupSpec;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus.BackupPhase;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.backup.BackupDataDeletions.Deletion;
import io.panstack.operator.backup.BackupDataDeletions.Plan;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;

/** Which backups' data goes when a PanStackBackup asks (panstack.io/delete-data), and which stays, and why. */
@Tag(Tiers.UNIT)
class BackupDataDeletionsTest {
    static final Stack STACK = InPlaceRestoresTest.STACK;
    static final String BUCKET = "bi-bucket";
    static final String KEY = "backups/dashboard-20261130T020000Z.sql.gz";

    static PanStackBackup record(String name, BackupPhase phase, String location, boolean asked) {
        PanStackBackup record = new PanStackBackup();
        Map<String, String> annotations = new HashMap<>();
        if (asked) {
            annotations.put(BackupDataDeletions.ANNOTATION, "true");
        }
        record.setMetadata(new ObjectMetaBuilder().withName(name).withAnnotations(annotations).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack(STACK.name());
        record.setSpec(spec);
        PanStackBackupStatus status = new PanStackBackupStatus();
        status.setPhase(phase);
        status.setLocation(location);
        record.setStatus(status);
        return record;
    }

    static Plan plan(List<PanStackBackup> records, List<PanStackRestore> restores) {
        return BackupDataDeletions.plan(STACK, BUCKET, records, restores);
    }

    @Test
    void onlyAnAskedForFinishedBackupInTheStacksBucketGoes() {
        Plan plan = plan(List.of(
                record("asked", BackupPhase.Completed, "s3://" + BUCKET + "/" + KEY, true),
                record("not-asked", BackupPhase.Completed, "s3://" + BUCKET + "/backups/dashboard-20261129T020000Z.sql.gz", false),
                record("running", BackupPhase.Running, null, true),
                record("failed-early", BackupPhase.Failed, null, true)), List.of());

        assertThat(plan.fromBucket()).containsExactly(new Deletion("asked", KEY));
        assertThat(plan.recordsOnly()).as("nothing stored: only the record goes").containsExactly("failed-early");
        assertThat(plan.kept()).isEmpty();
    }

    @Test
    void whatIsOutsideTheStacksBucketStaysAndTheRecordSaysWhy() {
        Plan plan = plan(List.of(
                record("volume", BackupPhase.Completed, "pvc://bi-backups/dashboard-20261130T020000Z.sql.gz", true),
                record("elsewhere", BackupPhase.Completed, "s3://another-teams-bucket/" + KEY, true),
                record("outside-backups", BackupPhase.Completed, "s3://" + BUCKET + "/themes/x.sql.gz", true)), List.of());

        assertThat(plan.fromBucket()).isEmpty();
        assertThat(plan.kept()).containsOnlyKeys("volume", "elsewhere", "outside-backups");
        assertThat(plan.kept().get("volume")).contains("backup volume");
        assertThat(plan.kept().get("elsewhere")).contains("not a backup the stack wrote into its bucket");
        assertThat(plan.kept().get("outside-backups")).contains("not a backup the stack wrote into its bucket");
    }

    @Test
    void theNewestBackupAndOneOfUnknownWhereaboutsStay() {
        PanStackBackup older = record("older", BackupPhase.Completed, "s3://" + BUCKET + "/" + KEY, true);
        older.getStatus().setCompletionTime("2026-11-30T02:01:00Z");
        PanStackBackup newest = record("newest", BackupPhase.Completed,
                "s3://" + BUCKET + "/backups/dashboard-20261201T020000Z.sql.gz", true);
        newest.getStatus().setCompletionTime("2026-12-01T02:01:00Z");
        PanStackBackup lost = record("lost", BackupPhase.Completed, null, true);
        PanStackBackup subfolder = record("subfolder", BackupPhase.Completed,
                "s3://" + BUCKET + "/backups/2025/dashboard-20251201T020000Z.sql.gz", true);

        Plan plan = plan(List.of(older, newest, lost, subfolder), List.of());

        assertThat(plan.fromBucket()).containsExactly(new Deletion("older", KEY));
        assertThat(plan.kept().get("newest")).contains("newest backup");
        assertThat(plan.kept().get("lost")).contains("not known");
        assertThat(plan.kept().get("subfolder")).contains("not a backup the stack wrote");
        assertThat(plan.recordsOnly()).isEmpty();
    }

    @Test
    void aBackupARestoreNeedsStays() {
        String location = "s3://" + BUCKET + "/" + KEY;
        PanStackRestore running = InPlaceRestoresTest.restore("running", null, "asked");
        PanStackRestore partial = InPlaceRestoresTest.restore("partial", "dashboard-20261101T020000Z.sql.gz", null);
        PanStackRestoreStatus failed = new PanStackRestoreStatus();
        failed.setPhase(RestorePhase.Failed);
        failed.setPiStopped(true);
        failed.setSafetyBackup("s3://" + BUCKET + "/backups/dashboard-20261128T020000Z.sql.gz");
        partial.setStatus(failed);

        Plan plan = plan(List.of(record("asked", BackupPhase.Completed, location, true),
                record("way-back", BackupPhase.Completed, failed.getSafetyBackup(), true)), List.of(running, partial));

        assertThat(plan.fromBucket()).isEmpty();
        assertThat(plan.kept().get("asked")).contains("PanStackRestore running");
        assertThat(plan.kept().get("way-back")).contains("PanStackRestore partial");

        PanStackRestoreStatus completed = new PanStackRestoreStatus();
        completed.setPhase(RestorePhase.Completed);
        running.setStatus(completed);
        failed.setPiStopped(false);
        assertThat(plan(List.of(record("asked", BackupPhase.Completed, location, true)), List.of(running, partial))
                .fromBucket()).as("once the restores are done with it").hasSize(1);
    }

    @Test
    void beforeTheBucketIsKnownNothingGoes() {
        Plan plan = BackupDataDeletions.plan(STACK, null,
                List.of(record("asked", BackupPhase.Completed, "s3://" + BUCKET + "/" + KEY, true)), List.of());

        assertThat(plan.fromBucket()).isEmpty();
        assertThat(plan.kept()).isEmpty();
    }
}
