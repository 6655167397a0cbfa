package io.panstack.operator.crd;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** crds/ is what users install (deploy/ includes it), so it must be exactly what the code generates. */
@Tag(Tiers.APISERVER)
class CommittedCrdTest {

    @Test
    void committedCrdEqualsTheOneGeneratedFromTheCode() throws Exception {
        String generated = Files.readString(GeneratedCrd.path());
        String committed = Files.readString(GeneratedCrd.COMMITTED);

        assertThat(committed)
                .as("crds/ is out of date: run ./mvnw -DskipTests package (it regenerates crds/) and commit the result")
                .isEqualTo(generated);
        assertThat(Files.readString(GeneratedCrd.COMMITTED_BACKUP)).as("crds/ is out of date (PanStackBackup)")
                .isEqualTo(Files.readString(GeneratedCrd.backupPath()));
        assertThat(Files.readString(GeneratedCrd.COMMITTED_RESTORE)).as("crds/ is out of date (PanStackRestore)")
                .isEqualTo(Files.readString(GeneratedCrd.restorePath()));
    }
}
