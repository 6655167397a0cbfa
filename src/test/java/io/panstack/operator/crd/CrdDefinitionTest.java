package io.panstack.operator.crd;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.crd.apiserver.ApiServerSchema;
import io.panstack.operator.crd.apiserver.CrdChecks;

/** The generated CRD, as the API server would check it on creation, and how kubectl shows PanStacks. */
@Tag(Tiers.APISERVER)
class CrdDefinitionTest {
    private static final ApiServerSchema API = ApiServerSchema.load();
    private static final CrdChecks CHECKS = API.crdChecks();
    private static CustomResourceDefinition crd;

    @BeforeAll
    static void readCrd() throws IOException {
        try (InputStream in = Files.newInputStream(GeneratedCrd.path())) {
            crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }

    /**
     * kubectl apply (client-side, the default) keeps the whole object in an annotation, and annotations may hold
     * 256 KiB at most: a larger CRD installs only with --server-side.
     */
    @Test
    void theCrdFitsKubectlApply() {
        int size = Serialization.asJson(crd).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(size).as("the CRD as kubectl apply stores it, in bytes").isLessThan(200 * 1024);
    }

    @Test
    void theCrdHasRulesToCheck() {
        // Guards the rule checks below against passing because the generator dropped every rule.
        assertThat(API.openApiV3Schema().findValues("x-kubernetes-validations")).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void everyRuleCompilesAndNamesOnlyDeclaredFields() {
        assertThat(CHECKS.ruleCompileProblems()).isEmpty();
    }

    @Test
    void rulesReadOnlyBoundedStrings() {
        assertThat(CHECKS.ruleCostProblems()).isEmpty();
    }

    @Test
    void rulesUseOnlyKeysKubernetes126Knows() {
        assertThat(CHECKS.validationRuleKeyProblems()).isEmpty();
    }

    @Test
    void transitionRulesSitWhereTheOldObjectCanBeFound() {
        assertThat(CHECKS.transitionRuleProblems()).isEmpty();
    }

    @Test
    void everyDefaultValidatesAgainstItsOwnSchema() {
        assertThat(CHECKS.defaultProblems()).isEmpty();
    }

    @Test
    void schemaIsStructural() {
        assertThat(CHECKS.structuralProblems()).isEmpty();
    }

    @Test
    void everySchemaKeywordIsEmulatedByTheTestHarness() {
        assertThat(CHECKS.unemulatedKeywords()).isEmpty();
    }

    @Test
    void panStacksAreNamespacedWithShortNamePan() {
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("pan");
    }

    @Test
    void statusIsASubresource() {
        assertThat(crd.getSpec().getVersions()).singleElement()
                .satisfies(version -> assertThat(version.getSubresources().getStatus()).isNotNull());
    }

    @Test
    void kubectlGetShowsReadyPhaseVersionUrlAge() {
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Ready", "Phase", "Version", "URL", "Age");
    }
}
