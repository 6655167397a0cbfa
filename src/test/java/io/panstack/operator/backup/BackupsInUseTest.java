package io.panstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackBackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.testsupport.Tiers;

/** The backups retention and deletions must leave alone because a restore of the stack needs them. */
@Tag(Tiers.UNIT)
class BackupsInUseTest {
    static final String S3 = "s3://bi-bucket/backups/";

    static PanStackRestoreStatus status(RestorePhase phase, String source, String safety, Boolean piStopped) {
        PanStackRestoreStatus status = new PanStackRestoreStatus();
        status.setPhase(phase);
        status.setSource(source);
        status.setSafetyBackup(safety);
        status.setPiStopped(piStopped);
        return status;
    }

    @Test
    void theSourceAndWayBackOfARestoreUnderWayAndAPartialOnesWayBack() {
        PanStackRestore byName = InPlaceRestoresTest.restore("by-name", null, "sunday");
        PanStackRestore byLocation = InPlaceRestoresTest.restore("by-location", S3 + "a.sql.gz", null);
        byLocation.setStatus(status(RestorePhase.Restoring, S3 + "a.sql.gz", S3 + "safety-a.sql.gz", true));
        PanStackRestore partial = InPlaceRestoresTest.restore("partial", S3 + "b.sql.gz", null);
        partial.setStatus(status(RestorePhase.Failed, S3 + "b.sql.gz", S3 + "safety-b.sql.gz", true));
        PanStackRestore done = InPlaceRestoresTest.restore("done", S3 + "c.sql.gz", null);
        done.setStatus(status(RestorePhase.Completed, S3 + "c.sql.gz", S3 + "safety-c.sql.gz", false));
        PanStackBackup sunday = new PanStackBackup();
        sunday.setMetadata(new ObjectMetaBuilder().withName("sunday").build());
        sunday.setStatus(new PanStackBackupStatus());
        sunday.getStatus().setLocation(S3 + "sunday.sql.gz");

        assertThat(BackupsInUse.locations(InPlaceRestoresTest.STACK, List.of(byName, byLocation, partial, done),
                List.of(sunday)))
                .containsExactlyInAnyOrder(S3 + "sunday.sql.gz", S3 + "a.sql.gz", S3 + "safety-a.sql.gz",
                        S3 + "safety-b.sql.gz");
    }
}
