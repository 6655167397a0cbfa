package io.panstack.operator.crd;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.crd.apiserver.Manifests;

/** Every PanStack in samples/ is one a user can kubectl apply as it is. */
@Tag(Tiers.APISERVER)
class SamplesValidateTest {
    private static final ApiServerSchema API = ApiServerSchema.load();
    private static final Path SAMPLES = Path.of("samples");

    static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }

    private static List<JsonNode> panStacks(Path file) {
        return Manifests.readAll(file).stream().filter(document -> document.path("kind").asText().equals("PanStack"))
                .toList();
    }

    @Test
    void thereAreSamplesWithPanStacks() throws IOException {
        assertThat(sampleFiles()).as("YAML files in " + SAMPLES.toAbsolutePath()).isNotEmpty();
        assertThat(sampleFiles().stream().mapToLong(file -> panStacks(file).size()).sum()).isPositive();
    }

    @Test
    void thePanStackBackupSampleIsAccepted() {
        ApiServerSchema backups = ApiServerSchema.load(GeneratedCrd.backupPath());
        List<JsonNode> found = Manifests.readAll(SAMPLES.resolve("backup.yaml")).stream()
                .filter(document -> document.path("kind").asText().equals("PanStackBackup")).toList();

        assertThat(found).singleElement().satisfies(backup -> assertThat(backups.validate(backup)).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "restore.yaml", "restore-rds.yaml" })
    void thePanStackRestoreSamplesAreAccepted(String file) {
        ApiServerSchema restores = ApiServerSchema.load(GeneratedCrd.restorePath());
        List<JsonNode> found = Manifests.readAll(SAMPLES.resolve(file)).stream()
                .filter(document -> document.path("kind").asText().equals("PanStackRestore")).toList();

        assertThat(found).singleElement().satisfies(restore -> assertThat(restores.validate(restore)).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void everyPanStackInTheSampleIsAccepted(Path file) {
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode stack : panStacks(file)) {
            softly.assertThat(API.validate(stack)).as("%s: PanStack %s", file, stack.path("metadata").path("name"))
                    .isEmpty();
        }
        softly.assertAll();
    }
}
