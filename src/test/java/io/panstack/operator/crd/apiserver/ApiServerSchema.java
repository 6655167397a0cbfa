package io.panstack.operator.crd.apiserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A test-time stand-in for kube-apiserver (Kubernetes 1.26+) handling {@code kubectl apply} (--validate=strict) of
 * custom resources of one CRD. No API server runs on the build machine; this applies the CRD's openAPIV3Schema the
 * way the server does, in its order:
 * <ol type="a">
 * <li>structural defaulting ({@link Defaulter}), also of the old object on update;</li>
 * <li>strict field validation: unknown fields fail the request ({@link UnknownFields}); defaults never add unknown
 * fields ({@link CrdChecks#defaultProblems()}), so checking after defaulting finds what the server finds before;</li>
 * <li>OpenAPI validation ({@link OpenApiValidator});</li>
 * <li>the CEL rules ({@link CelRules}), unless step c found a value of the wrong type (the server skips them then).</li>
 * </ol>
 * Each returns messages worded like the server's; an empty list means the object is accepted.
 * {@link #crdChecks()} covers what the server checks on the CRD itself.
 */
public final class ApiServerSchema {

    /** The API server's wording when a wrong type keeps it from running the rules. */
    static final String RULES_NOT_CHECKED = "some validation rules were not checked because the object was invalid; "
            + "correct the existing errors to complete validation";

    private final JsonNode crd;
    private final String apiVersion;
    private final String kind;
    private final Schema schema;
    private final boolean statusSubresource;

    private ApiServerSchema(JsonNode crd) {
        this.crd = crd;
        JsonNode version = storageVersion(crd);
        this.apiVersion = crd.path("spec").path("group").asText() + "/" + version.path("name").asText();
        this.kind = crd.path("spec").path("names").path("kind").asText();
        this.schema = new Schema(version.path("schema").path("openAPIV3Schema"));
        this.statusSubresource = version.path("subresources").has("status");
    }

    /** The PanStack CRD as the current code generates it (identical to crds/, see CommittedCrdTest). */
    public static ApiServerSchema load() {
        return load(io.panstack.operator.crd.GeneratedCrd.path());
    }

    public static ApiServerSchema load(Path crdFile) {
        return of(Manifests.readAll(crdFile).get(0));
    }

    public static ApiServerSchema of(JsonNode crd) {
        return new ApiServerSchema(crd);
    }

    public JsonNode crd() {
        return crd;
    }

    public JsonNode openApiV3Schema() {
        return schema.node();
    }

    public CrdChecks crdChecks() {
        return new CrdChecks(schema);
    }

    /** Step a alone: a copy of the manifest with the schema's defaults applied. */
    public ObjectNode withDefaults(JsonNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        Defaulter.apply(copy, schema);
        return copy;
    }

    /** Errors creating the object; empty when the API server would accept it. */
    public List<String> validate(JsonNode manifest) {
        return admit(null, manifest);
    }

    public List<String> validate(Map<String, ?> manifest) {
        return validate(Manifests.fromMap(manifest));
    }

    /** Errors updating {@code oldManifest} (as stored) to {@code newManifest}; transition rules run here only. */
    public List<String> validateUpdate(JsonNode oldManifest, JsonNode newManifest) {
        return admit(oldManifest, newManifest);
    }

    public List<String> validateUpdate(Map<String, ?> oldManifest, Map<String, ?> newManifest) {
        return validateUpdate(Manifests.fromMap(oldManifest), Manifests.fromMap(newManifest));
    }

    private List<String> admit(JsonNode oldManifest, JsonNode manifest) {
        if (!apiVersion.equals(manifest.path("apiVersion").asText()) || !kind.equals(manifest.path("kind").asText())) {
            return List.of("no matches for kind \"" + manifest.path("kind").asText() + "\" in version \""
                    + manifest.path("apiVersion").asText() + "\" (this CRD serves " + kind + " " + apiVersion + ")");
        }
        ObjectNode object = withDefaults(manifest);
        ObjectNode old = oldManifest == null ? null : withDefaults(oldManifest);

        List<String> unknown = UnknownFields.find(object, schema, FieldPath.ROOT);
        if (!unknown.isEmpty()) {
            // A strict decoding error fails the request before any validation runs.
            return unknown.stream().map(field -> "strict decoding error: " + field).toList();
        }
        if (statusSubresource) {
            // With the status subresource, the main resource ignores status: it is dropped on create, kept on update.
            object.remove("status");
            if (old != null) {
                old.remove("status");
            }
        }

        List<String> errors = new ArrayList<>();
        if (object.path("metadata").path("name").asText("").isEmpty()) {
            errors.add("metadata.name: Required value: name or generateName is required");
        }
        List<FieldError> fieldErrors = OpenApiValidator.validate(object, schema, FieldPath.ROOT);
        fieldErrors.forEach(error -> errors.add(error.toString()));
        if (fieldErrors.stream().anyMatch(FieldError::wrongType)) {
            errors.add(RULES_NOT_CHECKED);
            return errors;
        }
        errors.addAll(CelRules.evaluate(celView(object), old == null ? null : celView(old), schema, FieldPath.ROOT));
        return errors;
    }

    /** Root rules see apiVersion, kind, spec, status and, of metadata, only name and generateName. */
    private static ObjectNode celView(ObjectNode object) {
        ObjectNode view = object.deepCopy();
        JsonNode metadata = object.path("metadata");
        ObjectNode visible = view.putObject("metadata");
        for (String field : List.of("name", "generateName")) {
            if (metadata.has(field)) {
                visible.set(field, metadata.get(field));
            }
        }
        return view;
    }

    private static JsonNode storageVersion(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                return version;
            }
        }
        throw new IllegalArgumentException("the CRD has no storage version");
    }
}
