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
                  podAnnotations: {prometheus.io/scrape: 'true', Sidecar.Istio.io/Inject: 'false'}
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
            "scheduling: {podAnnotations: {'example .com/x': y}}|spec.scheduling.podAnnotations has the key \"example .com/x\"",
            "dashboard: {env: [{name: '..data', value: x}]}|spec.dashboard.env has the name \"..data\"",
            "ingress: {annotations: {'a/b/c': x}}|spec.ingress.annotations has the key \"a/b/c\"",
            "jobIdentity: {annotations: {'role arn': x}}|spec.jobIdentity.annotations has the key \"role arn\"" })
    void aKeyOrNameKubernetesRefusesStallsNamingTheField(String spec, String expected) {
        Problem problem = check(spec);

        assertThat(problem.reason()).isEqualTo("InvalidKubernetesName");
        assertThat(problem.message()).startsWith(expected).contains("which Kubernetes refuses")
                .endsWith("Nothing was changed.");
    }
    static io.panstack.operator.stack.Stack stack(String spec) {
        return TestStacks.withSpec("version: '2025_10.1'\n" + spec);
    }

    @Test
    void schedulesACronJobTakesPass() {
        assertThat(SpecSyntax.invalidSchedule(stack("backup: {schedule: '0 2 * * SUN', verify: {schedule: '@weekly'}}")
                .spec())).isNull();
        assertThat(SpecSyntax.invalidSchedule(stack("backup: {enabled: false, schedule: '0 2 * * 7'}").spec()))
                .as("no CronJob is written without backups").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "backup: {schedule: '0 2 * * 7'}|spec.backup.schedule is \"0 2 * * 7\"",
            "backup: {verify: {schedule: 'CRON_TZ=Europe/London 0 4 * * 0'}}|spec.backup.verify.schedule is" })
    void aScheduleACronJobRefusesStalls(String spec, String expected) {
        Problem problem = SpecSyntax.invalidSchedule(stack(spec).spec());

        assertThat(problem.reason()).isEqualTo("InvalidSchedule");
        assertThat(problem.message()).startsWith(expected).endsWith("Nothing was changed.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "externalUrl: https://bi..example.com|has no host name",
            "externalUrl: https://bi.example.123|has no host name",
            "{externalUrl: 'http://10.0.0.1:8080', ingress: {enabled: true}}|not the IP address 10.0.0.1" })
    void anExternalUrlKubernetesOrPiCannotUseStalls(String spec, String expected) {
        io.panstack.operator.stack.Stack stack = stack(spec.startsWith("{") ? spec.substring(1, spec.length() - 1)
                .replace(", ingress", "\ningress") : spec);
        Problem problem = SpecSyntax.invalidExternalUrl(stack.spec(), stack.externalUrl());

        assertThat(problem.reason()).isEqualTo("InvalidExternalUrl");
        assertThat(problem.message()).contains(expected);
    }

    @Test
    void anExternalUrlWithAHostPasses() {
        for (String spec : new String[] { "externalUrl: https://bi.example.com\ningress: {enabled: true}",
                "externalUrl: 'http://10.0.0.1:8080'", "externalUrl: http://localhost:8080" }) {
            io.panstack.operator.stack.Stack stack = stack(spec);
            assertThat(SpecSyntax.invalidExternalUrl(stack.spec(), stack.externalUrl())).as(spec).isNull();
        }
    }
}
