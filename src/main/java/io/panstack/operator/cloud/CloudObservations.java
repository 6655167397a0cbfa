package io.panstack.operator.cloud;

import java.time.Instant;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.panstack.operator.api.v1alpha1.BucketStatus;
import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.api.v1alpha1.DriftReport;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.status.Conditions;
import io.panstack.operator.status.Readiness;

/**
 * Readiness of the AWS-backed database, files and bucket, from this reconcile's AWS pass. When the pass did not get
 * that far (AWS unreachable, a stalled spec) the last known verdict stands: AWS being unreachable says nothing
 * about whether the database is, and the workloads are left as they are.
 */
public final class CloudObservations {

    private CloudObservations() {
    }

    public static Readiness<DatabaseStatus> database(CloudState cloud, DatabaseStatus where, PanStackStatus previous) {
        if (cloud == null || cloud.database() == null) {
            return lastKnown(previous, Conditions.DATABASE_READY,
                    previous != null && previous.getDatabase() != null ? previous.getDatabase() : where);
        }
        return of(cloud.database().state(), where);
    }

    public static Readiness<FilesStatus> files(CloudState cloud, FilesStatus where, PanStackStatus previous) {
        FilesStatus before = previous == null || previous.getFiles() == null ? new FilesStatus() : previous.getFiles();
        if (cloud == null || cloud.files() == null) {
            where.setFileSystemId(before.getFileSystemId());
            where.setAccessPointId(before.getAccessPointId());
            keepBackupFigures(where, before);
            return lastKnown(previous, Conditions.FILES_READY, where);
        }
        EfsState efs = cloud.files();
        where.setFileSystemId(efs.fileSystemId());
        where.setAccessPointId(efs.accessPointId());
        keepBackupFigures(where, before);
        // Observations: a failed read keeps the last known time and says why; it never changes FilesReady.
        Observed<Instant> recoveryPoint = efs.lastRecoveryPoint();
        if (recoveryPoint != null) {
            if (!recoveryPoint.failed()) {
                where.setLastRecoveryPointTime(recoveryPoint.value() == null ? null : recoveryPoint.value().toString());
            }
            where.setLastRecoveryPointError(recoveryPoint.failure());
        }
        if (efs.automaticBackups() != null) {
            where.setBackupPolicyError(efs.automaticBackups().failure());
        }
        return of(efs.state(), where);
    }

    private static void keepBackupFigures(FilesStatus where, FilesStatus before) {
        where.setLastRecoveryPointTime(before.getLastRecoveryPointTime());
        where.setLastRecoveryPointError(before.getLastRecoveryPointError());
        where.setBackupPolicyError(before.getBackupPolicyError());
        where.setDrift(before.getDrift());
    }

    public static Readiness<BucketStatus> bucket(CloudState cloud, PanStackStatus previous) {
        if (cloud == null || cloud.bucket() == null) {
            return lastKnown(previous, Conditions.BUCKET_READY, previous == null ? null : previous.getBucket());
        }
        return of(cloud.bucket().state(), new BucketStatus(cloud.bucket().name(), cloud.bucket().region()));
    }

    private static <W extends DriftReport> Readiness<W> of(ResourceState state, W where) {
        where.setDrift(state.drift().isEmpty() ? null : state.drift());
        return new Readiness<>(state.ready(), state.reason(), state.message(), where);
    }

    private static <W> Readiness<W> lastKnown(PanStackStatus previous, String type, W where) {
        Optional<Condition> before = previous == null || previous.getConditions() == null ? Optional.empty()
                : previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
        return before.map(c -> new Readiness<>(Conditions.TRUE.equals(c.getStatus()), c.getReason(), c.getMessage(), where))
                .orElseGet(() -> new Readiness<>(false, "AwsNotChecked", "Not checked in AWS yet", where));
    }
}
