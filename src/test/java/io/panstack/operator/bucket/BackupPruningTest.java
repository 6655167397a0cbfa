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
    static final Instant CREATED = NOW.minus(Duration.ofDays(365));
    static final Instant CREATED_LONG_AGO = NOW.minus(Duration.ofDays(3650));

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

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 3), CREATED, null, NOW))
                .containsExactly("backups/dashboard-20261001T020000Z.sql.gz", "backups/dashboard-20261002T020000Z.sql.gz");
        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(59, 1), CREATED, null, NOW))
                .as("younger than retention: kept").containsExactly("backups/dashboard-20261001T020000Z.sql.gz");
    }

    @Test
    void theNewestAreChosenByTheTimeInTheirNameNotByTheirObjectTime() {
        // A backup copied back in recently looks young; the newest by name are still the ones kept.
        List<StoredObject> objects = List.of(backup("20261129T020000Z", 40), backup("20250101T020000Z", 0),
                backup("20261128T020000Z", 40));

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 2), CREATED, null, NOW)).isEmpty();
        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 1), CREATED, null, NOW))
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

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(1, 1), CREATED_LONG_AGO, null, NOW))
                .containsExactly("backups/dashboard-20200101T020000Z.sql.gz");
    }

    /**
     * A bucket adopted from an earlier stack, or kept with its backups: what was there before this PanStack was
     * created is not its writing, and the backup it was restored from stays whatever happens.
     */
    @Test
    void onlyTheStacksOwnWritingIsPrunedNeverWhatItWasRestoredFrom() {
        Instant created = NOW.minus(Duration.ofDays(30));
        List<StoredObject> objects = List.of(backup("20260101T020000Z", 333), backup("20260102T020000Z", 332),
                backup("20261101T020000Z", 29), backup("20261102T020000Z", 28), backup("20261103T020000Z", 27),
                backup("20261128T020000Z", 2), backup("20261129T020000Z", 1));

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 2), created, null, NOW))
                .containsExactly("backups/dashboard-20261101T020000Z.sql.gz", "backups/dashboard-20261102T020000Z.sql.gz",
                        "backups/dashboard-20261103T020000Z.sql.gz");
        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 2), created,
                java.util.Set.of("backups/dashboard-20261102T020000Z.sql.gz"), NOW))
                .containsExactly("backups/dashboard-20261101T020000Z.sql.gz", "backups/dashboard-20261103T020000Z.sql.gz");
        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 2), null, null, NOW))
                .as("when the stack was made is unknown: nothing").isEmpty();
    }

    /** Names from a clock far ahead (or planted) take no newest slot: the real newest stay. */
    @Test
    void aBackupNamedInTheFutureDoesNotPushTheRealNewestOut() {
        List<StoredObject> objects = List.of(backup("20261001T020000Z", 60), backup("20261002T020000Z", 59),
                backup("20991231T000000Z", 1), backup("20991230T000000Z", 1));

        assertThat(BackupPruning.toPrune(objects, "dashboard", retention(14, 2), CREATED, null, NOW)).isEmpty();
    }

    /** IAM without s3:DeleteObject: the failure is said (status.backup.pruneError), nothing is thrown, nothing held. */
    @Test
    void aPruningAwsRefusesIsReportedNotThrown() {
        io.panstack.operator.aws.s3.Buckets refusing = (io.panstack.operator.aws.s3.Buckets) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] { io.panstack.operator.aws.s3.Buckets.class },
                        (proxy, method, args) -> switch (method.getName()) {
                            case "list" -> List.of(backup("20200101T020000Z", 2000), backup("20200102T020000Z", 1999),
                                    backup("20200103T020000Z", 1998), backup("20200104T020000Z", 1997));
                            case "deleteCurrent" -> throw software.amazon.awssdk.services.s3.model.S3Exception.builder()
                                    .statusCode(403).message("Access Denied").build();
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
        io.panstack.operator.stack.Stack stack = io.panstack.operator.testsupport.TestStacks.minimal();
        stack.resource().getMetadata().setCreationTimestamp("2019-01-01T00:00:00Z");

        io.panstack.operator.cloud.Observed<Integer> pruned = BackupPruning.prune(stack, refusing, "b", NOW);

        assertThat(pruned.failed()).isTrue();
        assertThat(pruned.failure()).contains("403");
    }
}
