package io.panstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.testsupport.Tiers;

/** What the API server (emulated) takes and refuses in a PanStackBackup. */
@Tag(Tiers.APISERVER)
class PanStackBackupSchemaTest {
    private static final ApiServerSchema API = ApiServerSchema.load(GeneratedCrd.backupPath());

    static Map<String, Object> backup(String name, Map<String, Object> spec) {
        return spec == null
                ? Map.of("apiVersion", "panstack.io/v1alpha1", "kind", "PanStackBackup", "metadata", Map.of("name", name))
                : Map.of("apiVersion", "panstack.io/v1alpha1", "kind", "PanStackBackup", "metadata", Map.of("name", name),
                        "spec", spec);
    }

    @Test
    void aBackupOfAStackIsAccepted() {
        assertThat(API.validate(backup("bi-before-upgrade", Map.of("stack", "bi")))).isEmpty();
        assertThat(API.validate(backup("bi-backup-29412345", Map.of("stack", "bi", "job", "bi-backup-29412345"))))
                .isEmpty();
    }

    @Test
    void whatCannotBeCarriedOutIsRefusedWithAMessage() {
        assertThat(API.validate(backup("no-spec", null))).anySatisfy(e -> assertThat(e).contains("spec is required"));
        assertThat(API.validate(backup("no-stack", Map.of()))).anySatisfy(e -> assertThat(e).contains("stack"));
        assertThat(API.validate(backup("other-ns", Map.of("stack", "team-b/bi"))))
                .as("a stack is named, never a namespace").isNotEmpty();
        assertThat(API.validate(backup("x".repeat(64), Map.of("stack", "bi"))))
                .anySatisfy(e -> assertThat(e).contains("at most 63 characters"));
    }

    @Test
    void itsSpecCannotChange() {
        assertThat(API.validateUpdate(backup("b", Map.of("stack", "bi")), backup("b", Map.of("stack", "other"))))
                .anySatisfy(e -> assertThat(e).contains("spec cannot change"));
        assertThat(API.validateUpdate(backup("b", Map.of("stack", "bi")), backup("b", Map.of("stack", "bi"))))
                .isEmpty();
    }
}
