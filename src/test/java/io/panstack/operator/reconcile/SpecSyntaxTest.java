package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.panstack.operator.status.Problem;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** Keys and names Kubernetes would refuse on every write stall the stack at once, with the field and the rule. */
@Tag(Tiers.UNIT)
class SpecSyntaxTest {

    static Problem check(String spec) {
        return SpecSyntax.invalid(TestStacks.withSpec("version: '2025_10.1'\n" + spec).spec());
    }

    @Test
    void whatKubernetesTakesPasses() {
        assertThat(check("""
                scheduling:
                  nodeSelector: {kubernetes.io/os: linux, pool: ''}
                  podLabels: {team: bi, example.com/cost-centre: cc-42}
                  podAnnotations: {prometheus.io/scrape: 'true', sidecar.istio.io/inject: 'false'}
                dashboard:
                  env: [{name: PI_TOMCAT_MAX_MEMORY, value: '2048'}, {name: my.setting-1, value: x}]
                  scheduling: {podLabels: {tier: front}}
                excelReader:
                  env: [{name: _UNDERSCORE, value: x}]
                ingress:
                  annotations: {cert-manager.io/cluster-issuer: letsencrypt}
                jobIdentity:
                  annotations: {eks.amazonaws.com/role-arn: 'arn:aws:iam::1:role/x'}
                """)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dashboard: {env: [{name: '1ST', value: x}]}|spec.dashboard.env has the name \"1ST\"",
            "excelReader: {env: [{name: 'MY VAR', value: x}]}|spec.excelReader.env has the name \"MY VAR\"",
            "scheduling: {podLabels: {'team name': bi}}|spec.scheduling.podLabels has the key \"team name\"",
            "scheduling: {podLabels: {team: 'b i'}}|spec.scheduling.podLabels has the value \"b i\"",
            "renderer: {scheduling: {nodeSelector: {pool: -gpu}}}|spec.renderer.scheduling.nodeSelector has the value \"-gpu\"",
            "scheduling: {podAnnotations: {'Example.com/x': y}}|spec.scheduling.podAnnotations has the key \"Example.com/x\"",
            "ingress: {annotations: {'a/b/c': x}}|spec.ingress.annotations has the key \"a/b/c\"",
            "jobIdentity: {annotations: {'role arn': x}}|spec.jobIdentity.annotations has the key \"role arn\"" })
    void aKeyOrNameKubernetesRefusesStallsNamingTheField(String spec, String expected) {
        Problem problem = check(spec);

        assertThat(problem.reason()).isEqualTo("InvalidKubernetesName");
        assertThat(problem.message()).startsWith(expected).contains("which Kubernetes refuses")
                .endsWith("Nothing was changed.");
    }
}
