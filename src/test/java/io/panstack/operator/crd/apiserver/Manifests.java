package io.panstack.operator.crd.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads manifests the way kubectl does: multi-document YAML, YAML 1.1 scalars (so an unquoted 2023_11 is the integer
 * 202311, as in kubectl), and a key given twice is an error rather than "last one wins".
 */
public final class Manifests {
    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private Manifests() {
    }

    /** Every non-empty document of a YAML file, in order. */
    public static List<JsonNode> readAll(Path file) {
        try {
            return parseAll(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every non-empty document of a YAML text, in order. */
    public static List<JsonNode> parseAll(String yaml) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(document -> document != null && !document.isNull() && !document.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("invalid YAML", e);
        }
    }

    /** The only document of a YAML text. */
    public static JsonNode parse(String yaml) {
        List<JsonNode> documents = parseAll(yaml);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    public static JsonNode fromMap(Map<String, ?> manifest) {
        return YAML.valueToTree(manifest);
    }
}
