package io.panstack.operator.crd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.panstack.operator.crd.apiserver.Manifests;

/**
 * A test manifest under src/test/resources/manifests/ and what its comment lines say about it:
 * <pre>
 * # mistake: what is wrong with it                         (or, for a good update, # change: what it changes)
 * # expect: text the API server's error must contain      (one or more)
 * # known-gap: why the schema accepts it although it should not   (instead of expect)
 * </pre>
 */
record ManifestCase(Path file, String summary, List<String> expected, String knownGap, List<JsonNode> documents) {
    static final Path MANIFESTS = Path.of("src", "test", "resources", "manifests");
    private static final Pattern COMMENT = Pattern.compile("^#\\s*(mistake|change|expect|known-gap):\\s*(.+?)\\s*$");

    /** The cases in a folder under manifests/, by file name; none found is an error, not a silent pass. */
    static List<ManifestCase> in(String folder) {
        Path directory = MANIFESTS.resolve(folder);
        try (Stream<Path> files = Files.list(directory)) {
            List<ManifestCase> cases = files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .map(ManifestCase::read).toList();
            if (cases.isEmpty()) {
                throw new IllegalStateException("no manifests in " + directory);
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ManifestCase read(Path file) {
        try {
            String summary = null;
            String knownGap = null;
            List<String> expected = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                Matcher comment = COMMENT.matcher(line);
                if (comment.matches()) {
                    switch (comment.group(1)) {
                        case "mistake", "change" -> summary = comment.group(2);
                        case "expect" -> expected.add(comment.group(2));
                        default -> knownGap = comment.group(2);
                    }
                }
            }
            return new ManifestCase(file, summary, List.copyOf(expected), knownGap, Manifests.readAll(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
