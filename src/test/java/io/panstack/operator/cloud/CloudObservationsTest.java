package io.panstack.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.FilesAccessMode;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.status.Readiness;
import io.panstack.operator.testsupport.Tiers;

/** A status-only AWS read that fails keeps the last known figure, says why, and leaves FilesReady alone. */
@Tag(Tiers.UNIT)
class CloudObservationsTest {
    static final ResourceState AVAILABLE = new ResourceState(true, false, "EfsAvailable", "available");

    static PanStackStatus previousWithRecoveryPoint(String time) {
        FilesStatus files = new FilesStatus("bi-files", FilesAccessMode.ReadWriteMany, null);
        files.setLastRecoveryPointTime(time);
        PanStackStatus status = new PanStackStatus();
        status.setFiles(files);
        return status;
    }

    static Readiness<FilesStatus> files(Observed<Instant> recoveryPoint, Observed<Boolean> policy, PanStackStatus previous) {
        CloudState cloud = new CloudState("eu-west-1", null,
                new EfsState("fs-1", "fsap-1", policy, recoveryPoint, AVAILABLE), null);
        return CloudObservations.files(cloud, new FilesStatus("bi-files", FilesAccessMode.ReadWriteMany, null), previous);
    }

    @Test
    void aFailedReadKeepsTheLastKnownTimeAndSaysWhy() {
        Readiness<FilesStatus> files = files(new Observed<>(null, "backup: AccessDeniedException: not authorized"),
                new Observed<>(null, "elasticfilesystem: HTTP 500"), previousWithRecoveryPoint("2026-11-20T06:00:00Z"));

        assertThat(files.ready()).as("FilesReady").isTrue();
        assertThat(files.reason()).isEqualTo("EfsAvailable");
        assertThat(files.where().getLastRecoveryPointTime()).isEqualTo("2026-11-20T06:00:00Z");
        assertThat(files.where().getLastRecoveryPointError()).contains("AccessDenied");
        assertThat(files.where().getBackupPolicyError()).contains("500");
    }

    @Test
    void aSuccessfulReadReplacesTheTimeAndClearsTheErrors() {
        PanStackStatus previous = previousWithRecoveryPoint("2026-11-20T06:00:00Z");
        previous.getFiles().setLastRecoveryPointError("backup: HTTP 404");
        previous.getFiles().setBackupPolicyError("elasticfilesystem: HTTP 500");

        Readiness<FilesStatus> files = files(Observed.of(Instant.parse("2026-11-21T06:00:00Z")), Observed.of(true), previous);

        assertThat(files.where().getLastRecoveryPointTime()).isEqualTo("2026-11-21T06:00:00Z");
        assertThat(files.where().getLastRecoveryPointError()).isNull();
        assertThat(files.where().getBackupPolicyError()).isNull();
    }

    @Test
    void aPassThatDidNotLookKeepsWhatWasKnown() {
        PanStackStatus previous = previousWithRecoveryPoint("2026-11-20T06:00:00Z");
        previous.getFiles().setLastRecoveryPointError("backup: HTTP 404");

        Readiness<FilesStatus> files = files(null, null, previous);

        assertThat(files.where().getLastRecoveryPointTime()).isEqualTo("2026-11-20T06:00:00Z");
        assertThat(files.where().getLastRecoveryPointError()).isEqualTo("backup: HTTP 404");
    }

    @Test
    void theDriftOfAnAdoptedResourceReachesItsStatusAndGoesWhenFixed() {
        CloudState adopted = new CloudState("eu-west-1", null, null, new BucketState("vendor", "eu-west-1",
                new ResourceState(true, false, "BucketAvailable", "adopted", java.util.List.of("versioning is off"))));
        assertThat(CloudObservations.bucket(adopted, null).where().getDrift()).containsExactly("versioning is off");

        CloudState fixed = new CloudState("eu-west-1", null, null, new BucketState("vendor", "eu-west-1",
                new ResourceState(true, false, "BucketAvailable", "adopted")));
        assertThat(CloudObservations.bucket(fixed, null).where().getDrift()).as("no empty list in status").isNull();
    }
}
