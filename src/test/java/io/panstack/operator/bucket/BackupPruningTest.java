package io.panstack.operator.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.BackupSpec;
import io.panstack.operator.aws.s3.Buckets.StoredObject;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class BackupPruningTest {
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    static StoredObject backup(String stamp, int daysOld) {
        return new StoredObject("backups/dashboard-" + stamp + ".sql.gz", NOW.minus(Duration.ofDays(daysOld)));
    }

    static BackupSpec retention(int days, int keepNewest) {
        BackupSpec spec = new BackupSpec();
        spec.setRetentionDays(days);
        spec.setKeepNewest(keepNewest);
        return spec;
    }

    @Test
    void onlyBackupsPastRetentionGoAndTheNewestStayWhateverTheirAge() {
        List<StoredObject> objects = List.of(backup("20261001T020000Z", 60), backup("20261002T020000Z", 59),
                backup("20261003T020000Z", 58), backup("20261004T020000Z", 57), backup("20261129T020000Z", 1));

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 3), NOW))
                .containsExactly("backups/dashboard-20261001T020000Z.sql.gz", "backups/dashboard-20261002T020000Z.sql.gz");
        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(59, 1), NOW))
                .as("younger than retention: kept").containsExactly("backups/dashboard-20261001T020000Z.sql.gz");
    }

    @Test
    void theNewestAreChosenByTheTimeInTheirNameNotByTheirObjectTime() {
        // A backup copied back in recently looks young; the newest by name are still the ones kept.
        List<StoredObject> objects = List.of(backup("20261129T020000Z", 40), backup("20250101T020000Z", 0),
                backup("20261128T020000Z", 40));

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 2), NOW)).isEmpty();
        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 1), NOW))
                .containsExactly("backups/dashboard-20261128T020000Z.sql.gz");
    }

    @Test
    void nothingButThisSchemasBackupNamesIsEverPruned() {
        Instant old = NOW.minus(Duration.ofDays(400));
        List<StoredObject> objects = List.of(new StoredObject("backups/other-20200101T020000Z.sql.gz", old),
                new StoredObject("backups/dashboard-20200101T020000Z.sql.gz.bak", old),
                new StoredObject("backups/dashboard-copy-20200101T020000Z.sql.gz", old),
                new StoredObject("backups/sub/dashboard-20200101T020000Z.sql.gz", old),
                new StoredObject("dashboard-20200101T020000Z.sql.gz", old),
                new StoredObject("backups/dashboard-20200101T020000Z.sql.gz", old),
                new StoredObject("backups/dashboard-20200102T020000Z.sql.gz", old));

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(1, 1), NOW))
                .containsExactly("backups/dashboard-20200101T020000Z.sql.gz");
    }
}
