package io.panstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.testsupport.Tiers;

/** What the API server (emulated) takes and refuses in a PanStackRestore. */
@Tag(Tiers.APISERVER)
class PanStackRestoreSchemaTest {
    private static final ApiServerSchema API = ApiServerSchema.load(GeneratedCrd.restorePath());

    static Map<String, Object> restore(Map<String, Object> spec) {
        return Map.of("apiVersion", "panstack.io/v1alpha1", "kind", "PanStackRestore",
                "metadata", Map.of("name", "to-sunday"), "spec", spec);
    }

    @Test
    void aRestoreFromABackupOrALocationIsAccepted() {
        assertThat(API.validate(restore(Map.of("stack", "bi", "backup", "bi-backup-29412345")))).isEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "location",
                "s3://bi-bucket/backups/dashboard-20261129T020000Z.sql.gz")))).isEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "location", "dashboard-20261129T020000Z.sql.gz"))))
                .isEmpty();
    }

    @Test
    void exactlyOneSourceAndAWellFormedLocation() {
        assertThat(API.validate(restore(Map.of("stack", "bi"))))
                .anySatisfy(e -> assertThat(e).contains("set exactly one of backup, location, rdsSnapshotId and pointInTime"));
        assertThat(API.validate(restore(Map.of("stack", "bi", "backup", "b", "location",
                "dashboard-20261129T020000Z.sql.gz")))).anySatisfy(e -> assertThat(e).contains("exactly one"));
        assertThat(API.validate(restore(Map.of("stack", "bi", "location", "../../etc/passwd")))).isNotEmpty();
    }

    @Test
    void anRdsRestoreNamesASnapshotOrAPointInTime() {
        assertThat(API.validate(restore(Map.of("stack", "bi", "rdsSnapshotId", "rds:panstack-bi-2026-11-29-02-00"))))
                .isEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "pointInTime", "2026-11-29T14:05:00Z")))).isEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "pointInTime", "2026-11-29T14:05:00.5+01:00")))).isEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "pointInTime", "latest")))).isEmpty();

        assertThat(API.validate(restore(Map.of("stack", "bi", "pointInTime", "yesterday")))).isNotEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "pointInTime", "2026-11-29 14:05")))).isNotEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "rdsSnapshotId", "../other")))).isNotEmpty();
        assertThat(API.validate(restore(Map.of("stack", "bi", "rdsSnapshotId", "s", "pointInTime", "latest"))))
                .anySatisfy(e -> assertThat(e).contains("exactly one"));
        assertThat(API.validate(restore(Map.of("stack", "bi", "backup", "b", "pointInTime", "latest"))))
                .anySatisfy(e -> assertThat(e).contains("exactly one"));
    }

    @Test
    void itsSpecCannotChange() {
        assertThat(API.validateUpdate(restore(Map.of("stack", "bi", "backup", "a")),
                restore(Map.of("stack", "bi", "backup", "b")))).anySatisfy(e -> assertThat(e).contains("spec cannot change"));
    }
}
