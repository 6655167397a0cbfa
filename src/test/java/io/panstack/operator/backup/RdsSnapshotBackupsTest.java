package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** PanStackBackups of kind RdsSnapshot, as their status follows the snapshot the AWS pass takes. */
@Tag(Tiers.UNIT)
class RdsSnapshotBackupsTest {
    static final Stack RDS = RestoreJobTest.RDS;
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static PanStackBackup snapshotRecord(String name) {
        PanStackBackup record = new PanStackBackup();
        record.setMetadata(new ObjectMetaBuilder().withName(name).withUid("uid-" + name).build());
        PanStackBackupSpec spec = new PanStackBackupSpec();
        spec.setStack("bi");
        spec.setKind(PanStackBackupSpec.Kind.RdsSnapshot);
        record.setSpec(spec);
        return record;
    }

    static PanStackBackupStatus planned(Stack stack, PanStackBackup record, Map<String, String> seen) {
        BackupRecords.Plan plan = BackupRecords.plan(stack, null, List.of(record), List.of(), List.of(), seen, NOW);
        assertThat(plan.jobsToStart()).as("a snapshot takes no Job").isEmpty();
        PanStackBackupStatus status = plan.statuses().get(record.getMetadata().getName());
        if (status != null) {
            record.setStatus(status);
        }
        return record.getStatus();
    }

    @Test
    void aSnapshotRecordFollowsItsSnapshotToCompleted() {
        PanStackBackup record = snapshotRecord("before-upgrade");
        String id = RdsSnapshotBackups.snapshotId(RDS, record);
        assertThat(RdsSnapshotBackups.wanted(RDS, List.of(record))).containsExactly(id);

        assertThat(planned(RDS, record, null).getPhase()).isEqualTo(BackupPhase.Pending);
        assertThat(BackupRecords.plan(RDS, null, List.of(record), List.of(), List.of(), null, NOW).statuses())
                .as("nothing new while AWS is not looked at").isEmpty();

        PanStackBackupStatus running = planned(RDS, record, Map.of(id, "creating"));
        assertThat(running.getPhase()).isEqualTo(BackupPhase.Running);
        assertThat(running.getKind()).isEqualTo("RdsSnapshot");
        assertThat(running.getStartTime()).isEqualTo(NOW.toString());

        PanStackBackupStatus done = planned(RDS, record, Map.of(id, "available"));
        assertThat(done.getPhase()).isEqualTo(BackupPhase.Completed);
        assertThat(done.getLocation()).isEqualTo("rds-snapshot:" + id);
        assertThat(RdsSnapshotBackups.wanted(RDS, List.of(record))).as("finished: no longer asked for").isEmpty();

        PanStackRestore restore = InPlaceRestoresTest.restore("back", null, "before-upgrade");
        restore.getSpec().setStack("bi");
        assertThat(InPlaceRestores.rdsRequest(RDS, List.of(restore), List.of(record))).hasValueSatisfying(
                request -> assertThat(request.spec().getRdsSnapshotId()).isEqualTo(id));
    }

    @Test
    void aCallAwsRefusesForNowIsSaidAndTheRecordWaits() {
        PanStackBackup record = snapshotRecord("busy");
        String id = RdsSnapshotBackups.snapshotId(RDS, record);

        PanStackBackupStatus waiting = planned(RDS, record,
                Map.of(id, io.panstack.operator.database.RdsDatabase.RETRYING + "rds: InvalidDBInstanceState: busy"));

        assertThat(waiting.getPhase()).isEqualTo(BackupPhase.Pending);
        assertThat(waiting.getMessage()).contains("InvalidDBInstanceState").contains("tried again");
    }

    @Test
    void oneStackHoldsAtMostTwentySnapshotsAndAnAdoptedInstanceNone() {
        List<PanStackBackup> records = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            PanStackBackup record = snapshotRecord("s" + i);
            record.getMetadata().setCreationTimestamp(String.format("2026-11-30T10:%02d:00Z", i));
            records.add(record);
        }
        assertThat(RdsSnapshotBackups.wanted(RDS, records)).hasSize(20)
                .doesNotContain(RdsSnapshotBackups.snapshotId(RDS, records.get(20)));
        BackupRecords.Plan plan = BackupRecords.plan(RDS, null, records, List.of(), List.of(), Map.of(), NOW);
        assertThat(plan.statuses().get("s20").getPhase()).isEqualTo(BackupPhase.Failed);
        assertThat(plan.statuses().get("s20").getMessage()).contains("20 manual RDS snapshots");

        Stack adopting = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  rds: {identifier: finance-db, credentialsSecretRef: {name: finance-db}}
                """);
        PanStackBackup record = snapshotRecord("adopted");
        assertThat(RdsSnapshotBackups.wanted(adopting, List.of(record))).isEmpty();
        assertThat(planned(adopting, record, null).getMessage()).contains("adopted");
    }

    @Test
    void aRestoreOfASnapshotRecordWaitsForItWithoutStoppingAnything() {
        PanStackBackup record = snapshotRecord("friday");
        PanStackRestore restore = InPlaceRestoresTest.restore("back", null, "friday");
        restore.getSpec().setStack("bi");

        InPlaceRestores.Plan waiting = InPlaceRestores.plan(RDS, null, List.of(restore), List.of(record), List.of(),
                List.of(), null, NOW);

        assertThat(waiting.stopPi()).isFalse();
        assertThat(waiting.hold()).isNull();
        assertThat(waiting.statuses().get("back").getMessage()).contains("Waits for PanStackBackup friday");
        assertThat(InPlaceRestores.rdsRequest(RDS, List.of(restore), List.of(record))).isEmpty();

        record.setStatus(new PanStackBackupStatus());
        record.getStatus().setPhase(BackupPhase.Failed);
        assertThat(InPlaceRestores.plan(RDS, null, List.of(restore), List.of(record), List.of(), List.of(), null, NOW)
                .statuses().get("back").getPhase()).isEqualTo(io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase.Failed);
    }

    @Test
    void aRefusedSnapshotOrAStackNotOnRdsFails() {
        PanStackBackup refused = snapshotRecord("refused");
        String id = RdsSnapshotBackups.snapshotId(RDS, refused);
        PanStackBackupStatus failed = planned(RDS, refused, Map.of(id, "error: rds: SnapshotQuotaExceeded: too many"));
        assertThat(failed.getPhase()).isEqualTo(BackupPhase.Failed);
        assertThat(failed.getMessage()).contains("SnapshotQuotaExceeded");

        PanStackBackup inCluster = snapshotRecord("in-cluster");
        assertThat(RdsSnapshotBackups.wanted(InPlaceRestoresTest.STACK, List.of(inCluster))).isEmpty();
        PanStackBackupStatus notRds = planned(InPlaceRestoresTest.STACK, inCluster, null);
        assertThat(notRds.getPhase()).isEqualTo(BackupPhase.Failed);
        assertThat(notRds.getMessage()).contains("not on RDS");
    }
}
