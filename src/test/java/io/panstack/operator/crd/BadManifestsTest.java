package io.panstack.operator.crd;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.crd.apiserver.Manifests;

/**
 * Mistakes a user can make in a PanStack, and that the API server (emulated) turns them away with a message that
 * says what is wrong. The cases are files under src/test/resources/manifests/: bad/ (one mistake per file),
 * bad-updates/ and good-updates/ (two documents: the stored object, then the change applied to it).
 */
@Tag(Tiers.APISERVER)
class BadManifestsTest {
    private static final ApiServerSchema API = ApiServerSchema.load();

    static List<ManifestCase> badManifests() {
        return ManifestCase.in("bad");
    }

    static List<ManifestCase> badUpdates() {
        return ManifestCase.in("bad-updates");
    }

    static List<ManifestCase> goodUpdates() {
        return ManifestCase.in("good-updates");
    }

    /** The control: without it, a harness that rejects everything would pass every test below. */
    @Test
    void aFullySpecifiedValidManifestIsAccepted() {
        JsonNode stack = Manifests.readAll(Path.of("samples", "ingress-tls-ha.yaml")).get(0);
        assertThat(stack.path("spec").path("ingress").path("tlsSecretName").asText()).isNotEmpty();
        assertThat(stack.path("spec").path("dashboard").path("replicas").asInt()).isGreaterThan(1);

        assertThat(API.validate(stack)).isEmpty();
        assertThat(API.validateUpdate(stack, stack)).as("re-applying it unchanged").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void badManifestIsRejectedWithTheExpectedMessage(ManifestCase bad) {
        assertThat(bad.documents()).as("one manifest per file").hasSize(1);
        List<String> errors = API.validate(bad.documents().get(0));

        assertRejected(bad, errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUpdates")
    void badUpdateIsRejectedWithTheExpectedMessage(ManifestCase bad) {
        assertThat(bad.documents()).as("the stored object, then the update").hasSize(2);
        JsonNode old = bad.documents().get(0);
        JsonNode updated = bad.documents().get(1);
        assertThat(API.validate(old)).as("the stored object was valid").isEmpty();
        assertThat(API.validate(updated)).as("the new object is valid on its own: only the change is wrong").isEmpty();

        assertRejected(bad, API.validateUpdate(old, updated));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodUpdates")
    void goodUpdateIsAccepted(ManifestCase good) {
        assertThat(good.documents()).as("the stored object, then the update").hasSize(2);
        JsonNode old = good.documents().get(0);
        JsonNode updated = good.documents().get(1);
        assertThat(good.summary()).as("a '# change:' line in " + good).isNotBlank();
        assertThat(old).as("the update changes something").isNotEqualTo(updated);
        assertThat(API.validate(old)).as("the stored object was valid").isEmpty();

        assertThat(API.validateUpdate(old, updated)).as(good.summary()).isEmpty();
    }

    private static void assertRejected(ManifestCase bad, List<String> errors) {
        assertThat(bad.summary()).as("a '# mistake:' line in " + bad).isNotBlank();
        if (bad.knownGap() != null) {
            if (!errors.isEmpty()) {
                fail(bad + " is now rejected: " + errors + ". If that closes the gap, replace its '# known-gap:' line"
                        + " with '# expect:' lines");
            }
            Assumptions.abort("known gap, the schema accepts it: " + bad.knownGap());
        }
        assertThat(bad.expected()).as("'# expect:' lines in " + bad).isNotEmpty();
        assertThat(errors).as(bad.summary()).isNotEmpty();
        for (String expected : bad.expected()) {
            assertThat(errors).as("%s: an error containing \"%s\"", bad.summary(), expected)
                    .anySatisfy(error -> assertThat(error).contains(expected));
        }
    }
}
