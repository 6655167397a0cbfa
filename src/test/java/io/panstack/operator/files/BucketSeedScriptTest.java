package io.panstack.operator.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Container;
import io.panstack.operator.testsupport.Tiers;

/**
 * Runs the seed-from-bucket Job's script for real with /bin/sh, with an {@code aws} on the PATH that "syncs" from a
 * local folder and the volume and scratch space being temporary folders. The vendor's side loader (panintelligence.md
 * 3.3) copies every object it is sent over whatever is there; this must never replace anything, and never run twice.
 */
@Tag(Tiers.UNIT)
class BucketSeedScriptTest {
    static final String BUCKET = "panstack-analytics-bi-0a1b2c3d";

    @TempDir
    Path temp;
    Path s3;
    Path volume;
    Path stage;
    Path bin;
    Path awsCalls;
    String script;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        s3 = Files.createDirectories(temp.resolve("s3"));
        volume = Files.createDirectories(temp.resolve("volume"));
        stage = Files.createDirectories(temp.resolve("stage"));
        bin = Files.createDirectories(temp.resolve("bin"));
        awsCalls = temp.resolve("aws-calls");
        fakeAws();

        Container container = BucketSeedJobTest.job(BucketSeedJobTest.SEEDED).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(container.getCommand()).startsWith("/bin/sh", "-c");
        script = container.getCommand().get(2);
        env = new HashMap<>();
        container.getEnv().forEach(v -> env.put(v.getName(), v.getValue()));
        env.put(BucketSeedJob.BUCKET_ENV, BUCKET);
        env.put("VOLUME", volume.toString());
        env.put("STAGE", stage.toString());

        // What the bucket holds (panintelligence.md 3.3: themes and images are what the vendor seeds).
        write(s3.resolve(BUCKET + "/themes/corporate/theme.css"), "from the bucket");
        write(s3.resolve(BUCKET + "/themes/piBerry Wider Tables/theme.css"), "wider");
        write(s3.resolve(BUCKET + "/themes/.settings"), "dotfile");
        write(s3.resolve(BUCKET + "/images/logo.png"), "png");
        write(s3.resolve(BUCKET + "/keys/scheduler.key"), "not asked for");
    }

    @Test
    void theJobSeedsThemesAndImages() {
        assertThat(env).containsEntry(BucketSeedJob.PREFIXES_ENV, "themes images");
    }

    @Test
    void newFilesArriveInTheirFolders() throws Exception {
        assertThat(run()).isZero();

        assertThat(volume.resolve("themes/corporate/theme.css")).hasContent("from the bucket");
        assertThat(volume.resolve("themes/piBerry Wider Tables/theme.css")).hasContent("wider");
        assertThat(volume.resolve("themes/.settings")).hasContent("dotfile");
        assertThat(volume.resolve("images/logo.png")).hasContent("png");
    }

    @Test
    void eachPrefixIsSyncedFromTheBucketQuietly() throws Exception {
        assertThat(run()).isZero();

        assertThat(Files.readAllLines(awsCalls)).containsExactly(
                "s3 sync s3://" + BUCKET + "/themes/ " + stage + "/themes --only-show-errors region=eu-west-1",
                "s3 sync s3://" + BUCKET + "/images/ " + stage + "/images --only-show-errors region=eu-west-1");
    }

    @Test
    void existingFilesAreNeverReplaced() throws Exception {
        write(volume.resolve("themes/corporate/theme.css"), "edited by the user");

        assertThat(run()).isZero();

        assertThat(volume.resolve("themes/corporate/theme.css")).hasContent("edited by the user");
        assertThat(volume.resolve("themes/piBerry Wider Tables/theme.css")).as("new files beside it arrive")
                .hasContent("wider");
    }

    @Test
    void foldersNotListedAreLeftAlone() throws Exception {
        assertThat(run()).isZero();

        assertThat(volume.resolve("keys/scheduler.key")).doesNotExist();
    }

    @Test
    void aFileWhereTheBucketHasAFolderIsKept() throws Exception {
        write(volume.resolve("themes/corporate"), "a file, not a folder");

        assertThat(run()).isZero();

        assertThat(volume.resolve("themes/corporate")).hasContent("a file, not a folder");
        assertThat(volume.resolve("images/logo.png")).hasContent("png");
    }

    @Test
    void aSymbolicLinkIsNeverWrittenThrough() throws Exception {
        Path elsewhere = write(temp.resolve("elsewhere/theme.css"), "not on the volume");
        Files.createDirectories(volume.resolve("themes/corporate"));
        Files.createSymbolicLink(volume.resolve("themes/corporate/theme.css"), elsewhere);

        assertThat(run()).isZero();

        assertThat(elsewhere).hasContent("not on the volume");
    }

    /** Pi's user is undocumented: what the Job (root) creates must stay usable by it, as the vendor's chmod 0777. */
    @Test
    void newFoldersAreOpenToPisUser() throws Exception {
        assertThat(run()).isZero();

        assertThat(Files.getPosixFilePermissions(volume.resolve("themes/corporate")))
                .contains(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        assertThat(run()).isZero();
        write(volume.resolve("themes/corporate/theme.css"), "edited by the user");
        Files.delete(volume.resolve("images/logo.png"));
        write(s3.resolve(BUCKET + "/themes/new/theme.css"), "added to the bucket later");
        Map<String, String> afterEdits = snapshot(volume);
        Files.delete(awsCalls);

        assertThat(run()).isZero();

        assertThat(snapshot(volume)).isEqualTo(afterEdits);
        assertThat(awsCalls).as("the bucket is not even read").doesNotExist();
    }

    @Test
    void aMarkerOnTheVolumeSaysItWasSeeded() throws Exception {
        assertThat(run()).isZero();

        assertThat(volume.resolve(BucketSeedJob.MARKER)).content().contains("s3://" + BUCKET + "/", "themes images");
    }

    /** Access denied, throttled, no such bucket: the Job fails (and is retried), the volume stays as it was. */
    @Test
    void aFailingDownloadFailsTheScriptAndCopiesNothing() throws Exception {
        env.put("FAKE_AWS_FAIL_ON", "/images/");
        Map<String, String> before = snapshot(volume);

        assertThat(run()).isNotZero();

        assertThat(snapshot(volume)).as("not even the themes, downloaded before the failure").isEqualTo(before);
        assertThat(volume.resolve(BucketSeedJob.MARKER)).doesNotExist();
    }

    @Test
    void aFailedCopyFailsTheScriptWithoutMarker() throws Exception {
        assertThat(run(failingCp())).isNotZero();

        assertThat(volume.resolve(BucketSeedJob.MARKER)).doesNotExist();
        assertThat(volume.resolve("themes/corporate/theme.css")).as("never a partial file under the real name")
                .doesNotExist();
    }

    @Test
    void aCopyCutShortIsCompletedByTheNextAttempt() throws Exception {
        run(failingCp());

        assertThat(run()).isZero();

        assertThat(volume.resolve("themes/corporate/theme.css")).hasContent("from the bucket");
        assertThat(snapshot(volume)).allSatisfy((path, content) -> assertThat(path).doesNotContain("partial"));
    }

    /** Syncs s3://bucket/prefix/ from the local folder s3/, logging each call; fails on FAKE_AWS_FAIL_ON. */
    private void fakeAws() throws IOException {
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/bin/sh
                echo "$* region=$AWS_REGION" >> "%s"
                case "$3" in
                  *"${FAKE_AWS_FAIL_ON:-none}"*)
                    echo "fatal error: An error occurred (AccessDenied) when calling the ListObjectsV2 operation" >&2
                    exit 1 ;;
                esac
                [ "$1 $2" = "s3 sync" ] || exit 2
                from="%s/${3#s3://}"
                mkdir -p "$4"
                if [ -d "$from" ]; then cp -R "$from/." "$4/"; fi
                """.formatted(awsCalls, s3));
        assertThat(aws.toFile().setExecutable(true)).isTrue();
    }

    /** A cp that runs out of space half-way through the corporate theme (and copies everything else). */
    private Path failingCp() throws IOException {
        String realCp = Stream.of("/bin/cp", "/usr/bin/cp").filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst().orElseThrow();
        Path failing = Files.createDirectories(temp.resolve("failing-bin"));
        Path cp = failing.resolve("cp");
        Files.writeString(cp, """
                #!/bin/sh
                for last; do :; done
                case "$last" in
                  */corporate/theme.css*)
                    echo partial > "$last"
                    echo "cp: error writing '$last': No space left on device" >&2
                    exit 1 ;;
                  *) exec %s "$@" ;;
                esac
                """.formatted(realCp));
        assertThat(cp.toFile().setExecutable(true)).isTrue();
        return failing;
    }

    private int run() throws Exception {
        return run(null);
    }

    private int run(Path before) throws Exception {
        ProcessBuilder process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        process.environment().putAll(env);
        String path = bin + ":" + System.getenv("PATH");
        process.environment().put("PATH", before == null ? path : before + ":" + path);
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).as("script finished; output: %s", output).isTrue();
        return running.exitValue();
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
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
