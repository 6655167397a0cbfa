package io.panstack.operator.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * Runs the dashboard's seed-files script for real with /bin/sh, the image's folders and the volume being temporary
 * folders. A Docker named volume is filled from the image when empty (panintelligence.md 3.1: "If this directory is
 * 'empty' on first load of pi, default themes will populate this directory"); unlike the vendor's EFS Lambda (3.2),
 * which wipes keys, files, svg, custom_jdbc and images, this must never destroy anything.
 */
@Tag(Tiers.UNIT)
class SeedScriptTest {
    static final String IMAGE_RESOURCES = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources";

    @TempDir
    Path temp;
    Path image;
    Path volume;
    String script;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        image = Files.createDirectories(temp.resolve("image"));
        volume = Files.createDirectories(temp.resolve("volume"));
        Stack stack = TestStacks.minimal();
        var seed = TestStacks.pod(stack, Component.DASHBOARD).getInitContainers().get(0);
        String volumeMount = seed.getVolumeMounts().get(0).getMountPath();
        String original = SharedFilesTest.seedScript(stack);
        assertThat(original).contains(IMAGE_RESOURCES).contains(volumeMount);
        script = original.replace(IMAGE_RESOURCES, image.toString()).replace(volumeMount, volume.toString());

        // What the dashboard image ships (3.2 lists the vendor's themes, one with spaces in its name).
        write(image.resolve("themes/piBerry/theme.css"), "berry");
        write(image.resolve("themes/piBerry Wider Tables/theme.css"), "wider");
        write(image.resolve("locale/messages.properties"), "hello=Hello");
        write(image.resolve("images/logo.png"), "png");
        write(image.resolve("files/.hidden"), "dotfile");
    }

    @Test
    void emptyVolumeGetsTheImagesFiles() throws Exception {
        assertThat(run()).isZero();

        assertThat(volume.resolve("themes/piBerry/theme.css")).hasContent("berry");
        assertThat(volume.resolve("themes/piBerry Wider Tables/theme.css")).hasContent("wider");
        assertThat(volume.resolve("locale/messages.properties")).hasContent("hello=Hello");
        assertThat(volume.resolve("images/logo.png")).hasContent("png");
        assertThat(volume.resolve("files/.hidden")).hasContent("dotfile");
    }

    @Test
    void everyFolderOfTheVolumeExistsAfterwards() throws Exception {
        assertThat(run()).isZero();

        for (String folder : new String[] { "themes", "images", "files", "svg", "locale", "custom_jdbc", "keys" }) {
            assertThat(volume.resolve(folder)).as(folder).isDirectory();
        }
    }

    @Test
    void folderTheImageDoesNotShipStaysEmpty() throws Exception {
        assertThat(run()).isZero();

        assertThat(volume.resolve("svg")).isEmptyDirectory();
    }

    /** Keys and JDBC drivers are the user's alone: the image's copies (if any) must never be copied over them. */
    @Test
    void keysAndDriversAreNeverTakenFromTheImage() throws Exception {
        write(image.resolve("keys/image.key"), "not yours");
        write(image.resolve("custom_jdbc/driver.jar"), "not yours");

        assertThat(run()).isZero();

        assertThat(volume.resolve("keys")).isEmptyDirectory();
        assertThat(volume.resolve("custom_jdbc")).isEmptyDirectory();
    }

    @Test
    void folderWithContentIsLeftUntouched() throws Exception {
        write(volume.resolve("themes/corporate/theme.css"), "ours");
        Map<String, String> before = snapshot(volume.resolve("themes"));

        assertThat(run()).isZero();

        assertThat(snapshot(volume.resolve("themes"))).isEqualTo(before);
        assertThat(volume.resolve("themes/piBerry")).doesNotExist();
    }

    @Test
    void folderHoldingOnlyAHiddenFileCountsAsNotEmpty() throws Exception {
        write(volume.resolve("locale/.keep"), "");

        assertThat(run()).isZero();

        assertThat(volume.resolve("locale/messages.properties")).doesNotExist();
    }

    @Test
    void otherEmptyFoldersAreStillSeededBesideAFolderWithContent() throws Exception {
        write(volume.resolve("themes/corporate/theme.css"), "ours");

        assertThat(run()).isZero();

        assertThat(volume.resolve("locale/messages.properties")).hasContent("hello=Hello");
    }

    @Test
    void userKeysAndDriversSurvive() throws Exception {
        write(volume.resolve("keys/scheduler.key"), "secret key");
        write(volume.resolve("custom_jdbc/ojdbc8.jar"), "driver");

        assertThat(run()).isZero();

        assertThat(volume.resolve("keys/scheduler.key")).hasContent("secret key");
        assertThat(volume.resolve("custom_jdbc/ojdbc8.jar")).hasContent("driver");
    }

    /** Every dashboard restart runs it again: after the first run it must change nothing, edits included. */
    @Test
    void runningAgainChangesNothing() throws Exception {
        assertThat(run()).isZero();
        write(volume.resolve("themes/piBerry/theme.css"), "edited by the user");
        Files.delete(volume.resolve("locale/messages.properties"));
        write(volume.resolve("locale/messages_fr.properties"), "bonjour");
        Map<String, String> afterEdits = snapshot(volume);

        assertThat(run()).isZero();

        assertThat(snapshot(volume)).isEqualTo(afterEdits);
    }

    /**
     * A copy can fail part-way (volume full, pod killed). The init container must then fail, and the next attempt
     * must not take the half-filled folder for the user's content.
     */
    @Test
    void failedCopyFailsTheInitContainer() throws Exception {
        Path fakeBin = failingCp();

        assertThat(run(fakeBin)).isNotZero();
    }

    @Test
    void copyThatFailedPartWayIsCompletedOnTheNextRun() throws Exception {
        run(failingCp());

        assertThat(run()).isZero();

        assertThat(volume.resolve("themes/piBerry/theme.css")).hasContent("berry");
        assertThat(volume.resolve("themes/piBerry Wider Tables/theme.css")).hasContent("wider");
    }

    /**
     * A cp that fills up the volume while copying the themes (it writes part of the copy, then fails the way a full
     * disk does) and copies every other folder normally.
     */
    private Path failingCp() throws IOException {
        String realCp = Stream.of("/bin/cp", "/usr/bin/cp").filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst().orElseThrow();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path cp = bin.resolve("cp");
        Files.writeString(cp, """
                #!/bin/sh
                for last; do :; done
                case "$last" in
                  */themes/)
                    echo partial > "$last/partial-copy"
                    echo "cp: error writing: No space left on device" >&2
                    exit 1 ;;
                  *) exec %s "$@" ;;
                esac
                """.formatted(realCp));
        assertThat(cp.toFile().setExecutable(true)).isTrue();
        return bin;
    }

    private int run() throws Exception {
        return run(null);
    }

    private int run(Path extraPath) throws Exception {
        ProcessBuilder process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        if (extraPath != null) {
            process.environment().put("PATH", extraPath + ":" + process.environment().get("PATH"));
        }
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).as("script finished; output: %s", output).isTrue();
        return running.exitValue();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Relative path -> content ("<dir>" for folders) of everything under root. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                tree.put(root.relativize(path).toString(),
                        Files.isDirectory(path) ? "<dir>" : Files.readString(path));
            }
        }
        return tree;
    }
}
