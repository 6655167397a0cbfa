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
