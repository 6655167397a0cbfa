package io.panstack.operator.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The in-cluster repository database. */
@Tag(Tiers.UNIT)
class MariaDbTest {

    static StatefulSet mariadb(Stack stack) {
        return MariaDb.desired(stack);
    }

    static PodSpec pod(Stack stack) {
        return mariadb(stack).getSpec().getTemplate().getSpec();
    }

    static Container container(Stack stack) {
        assertThat(pod(stack).getContainers()).hasSize(1);
        return pod(stack).getContainers().get(0);
    }

    @Test
    void isOneStatefulPodNamedAfterTheStack() {
        StatefulSet mariadb = mariadb(TestStacks.minimal());

        assertThat(mariadb.getMetadata().getName()).isEqualTo("bi-mariadb");
        assertThat(mariadb.getMetadata().getNamespace()).isEqualTo("analytics");
        assertThat(mariadb.getSpec().getReplicas()).isEqualTo(1);
        assertThat(mariadb.getSpec().getServiceName()).isEqualTo("bi-mariadb");
    }

    @Test
    void selectorMatchesThePodAndIsTheMariaDbComponent() {
        StatefulSet mariadb = mariadb(TestStacks.minimal());

        assertThat(mariadb.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "panintelligence",
                "app.kubernetes.io/instance", "bi",
                "app.kubernetes.io/component", "mariadb"));
        assertThat(mariadb.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(mariadb.getSpec().getSelector().getMatchLabels());
        assertThat(mariadb.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
    }

    /**
     * panintelligence.md 4.1: lower_case_table_names=1 is mandatory, the vendor's RDS parameter groups set
     * sql_mode=NO_AUTO_VALUE_ON_ZERO and (AD) log_bin_trust_function_creators=1, compose sets utf8mb4.
     */
    @Test
    void serverRunsWithTheSettingsPiRequires() {
        assertThat(container(TestStacks.minimal()).getArgs()).contains(
                "--lower-case-table-names=1",
                "--sql-mode=NO_AUTO_VALUE_ON_ZERO",
                "--log-bin-trust-function-creators=1",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci");
    }

    /** Args, not a command: the image's entrypoint must still run to initialise the volume and create the user. */
    @Test
    void keepsTheImagesEntrypoint() {
        assertThat(container(TestStacks.minimal()).getCommand()).isNullOrEmpty();
    }

    @Test
    void loginsComeFromTheGeneratedCredentialsSecret() {
        Map<String, EnvVar> env = TestStacks.envByName(container(TestStacks.minimal()).getEnv());

        assertSecretRef(env.get("MARIADB_ROOT_PASSWORD"), "root-password");
        assertSecretRef(env.get("MARIADB_USER"), "username");
        assertSecretRef(env.get("MARIADB_PASSWORD"), "password");
    }

    /** The image creates this schema and grants the user rights on it when it initialises an empty volume. */
    @Test
    void createsTheRepositorySchema() {
        assertThat(TestStacks.envByName(container(TestStacks.minimal()).getEnv()).get("MARIADB_DATABASE").getValue())
                .isEqualTo("dashboard");
    }

    @Test
    void createsTheSchemaNamedInTheSpec() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  schema: pi_repo
                """);

        assertThat(TestStacks.envByName(container(stack).getEnv()).get("MARIADB_DATABASE").getValue())
                .isEqualTo("pi_repo");
    }

    @Test
    void noPasswordIsWrittenIntoThePodSpec() {
        assertThat(container(TestStacks.minimal()).getEnv())
                .filteredOn(variable -> variable.getName().contains("PASSWORD") || variable.getName().contains("USER"))
                .hasSize(3)
                .allSatisfy(variable -> assertThat(variable.getValue()).as(variable.getName()).isNull());
    }

    @Test
    void keepsItsDataOnTheStacksDatabaseClaim() {
        PodSpec pod = pod(TestStacks.minimal());

        assertThat(container(TestStacks.minimal()).getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/var/lib/mysql");
            assertThat(mount.getSubPath()).isNullOrEmpty();
            assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals(mount.getName()))
                    .singleElement()
                    .satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName())
                            .isEqualTo("bi-mariadb-data"));
        });
    }

    /** The claim is made (and kept) by the operator, not by a volumeClaimTemplate the StatefulSet would own. */
    @Test
    void hasNoVolumeClaimTemplates() {
        assertThat(mariadb(TestStacks.minimal()).getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
    }

    @Test
    void runsAsTheImagesMysqlUserWithTheVolumeGroupOwned() {
        var security = pod(TestStacks.minimal()).getSecurityContext();

        assertThat(security.getRunAsUser()).isEqualTo(999L);
        assertThat(security.getRunAsGroup()).isEqualTo(999L);
        assertThat(security.getFsGroup()).isEqualTo(999L);
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void containerDropsAllCapabilitiesAndCannotEscalate() {
        var security = container(TestStacks.minimal()).getSecurityContext();

        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    }

    @Test
    void serviceLinksAreOff() {
        assertThat(pod(TestStacks.minimal()).getEnableServiceLinks()).isFalse();
    }

    @Test
    void imageDefaultsToMariaDb1011() {
        assertThat(container(TestStacks.minimal()).getImage()).isEqualTo("mariadb:10.11");
    }

    @Test
    void imageAndResourcesComeFromTheSpec() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  inCluster:
                    image: registry.example.com/mariadb:11.4
                    resources:
                      requests: {cpu: "1", memory: 4Gi}
                      limits: {memory: 4Gi}
                """);

        assertThat(container(stack).getImage()).isEqualTo("registry.example.com/mariadb:11.4");
        assertThat(container(stack).getResources().getLimits()).containsEntry("memory", new Quantity("4Gi"));
    }

    /** The image listens on TCP only once initialised, so an open port means ready without credentials. */
    @Test
    void probesCheckTheSqlPort() {
        Container container = container(TestStacks.minimal());

        for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(),
                container.getLivenessProbe())) {
            assertThat(probe).isNotNull();
            assertThat(probe.getTcpSocket().getPort()).isEqualTo(new IntOrString(3306));
            assertThat(probe.getExec()).isNull();
        }
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getContainerPort()).isEqualTo(3306);
            assertThat(port.getName()).isEqualTo("mysql");
        });
    }

    @Test
    void mayTakeSeveralMinutesToInitialiseAnEmptyVolume() {
        Probe startup = container(TestStacks.minimal()).getStartupProbe();

        assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void getsTimeToShutDownCleanly() {
        assertThat(pod(TestStacks.minimal()).getTerminationGracePeriodSeconds()).isGreaterThan(30L);
    }

    private static void assertSecretRef(EnvVar variable, String key) {
        assertThat(variable).isNotNull();
        assertThat(variable.getValue()).as(variable.getName()).isNull();
        assertThat(variable.getValueFrom().getSecretKeyRef().getName()).as(variable.getName())
                .isEqualTo("bi-db-credentials");
        assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).as(variable.getName()).isEqualTo(key);
    }

    @Test
    void theExporterSidecarRunsOnlyWhenAskedAndLogsInWithTheSecretNeverALiteral() {
        assertThat(pod(TestStacks.minimal()).getContainers()).as("off by default").hasSize(1);

        Stack measured = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  inCluster:
                    metrics: {enabled: true}
                """);
        Container exporter = pod(measured).getContainers().stream().filter(c -> c.getName().equals("metrics"))
                .findFirst().orElseThrow();
        assertThat(exporter.getImage()).isEqualTo(io.panstack.operator.api.v1alpha1.DatabaseMetricsSpec.IMAGE);
        assertThat(exporter.getArgs()).contains("--mysqld.address=127.0.0.1:3306", "--mysqld.username=$(EXPORTER_USER)");
        assertThat(exporter.getEnv()).allSatisfy(e -> {
            assertThat(e.getValue()).as("no credential in the pod spec").isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(measured.names().databaseCredentials());
        });
        assertThat(exporter.getEnv()).extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly("EXPORTER_USER=username", "MYSQLD_EXPORTER_PASSWORD=password");
        assertThat(exporter.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getContainerPort()).isEqualTo(9104);
        });
        assertThat(exporter.getReadinessProbe()).as("a slow exporter never takes MariaDB out of its Service").isNull();
        assertThat(exporter.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(io.panstack.operator.workloads.StackService.forMariaDb(measured).getSpec().getPorts())
                .extracting(p -> p.getName() + ":" + p.getPort()).containsExactly("mysql:3306", "metrics:9104");
    }
}
