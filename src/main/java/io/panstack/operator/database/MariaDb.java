package io.panstack.operator.database;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.panstack.operator.api.v1alpha1.DatabaseMetricsSpec;
import io.panstack.operator.api.v1alpha1.Defaults;
import io.panstack.operator.api.v1alpha1.InClusterDatabaseSpec;
import io.panstack.operator.api.v1alpha1.SchedulingSpec;
import io.panstack.operator.kube.EnvVars;
import io.panstack.operator.kube.PodScheduling;
import io.panstack.operator.kube.PodTemplates;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The in-cluster repository database: one MariaDB pod on the stack's database volume. Pure. */
public final class MariaDb {
    public static final int PORT = Defaults.DATABASE_PORT;
    static final String DATA_PATH = "/var/lib/mysql";

    /**
     * Server settings Pi requires (panintelligence.md 4.1): case-insensitive table names (only settable on a fresh
     * data directory), the vendor's sql_mode, functions and triggers allowed with binary logging, and utf8mb4.
     */
    static final List<String> SERVER_SETTINGS = List.of(
            "--lower-case-table-names=1",
            "--sql-mode=NO_AUTO_VALUE_ON_ZERO",
            "--log-bin-trust-function-creators=1",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci");

    private MariaDb() {
    }

    public static StatefulSet desired(Stack stack) {
        InClusterDatabaseSpec settings = stack.spec().getDatabase().inClusterOrDefault();
        Map<String, String> labels = StackLabels.of(stack.name(), StackLabels.MARIADB);
        String secret = stack.names().databaseCredentials();
        SchedulingSpec scheduling = stack.spec().getScheduling();
        StatefulSet statefulSet = new StatefulSetBuilder()
                .withNewMetadata().withName(stack.names().mariadb()).withNamespace(stack.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withReplicas(stack.sleep().databaseStopped() ? 0 : 1)
                .withServiceName(stack.names().mariadb())
                .withNewSelector().withMatchLabels(StackLabels.selector(stack.name(), StackLabels.MARIADB)).endSelector()
                .endSpec()
                .build();
        // Set, not built in: a builder would copy it (PodTemplates).
        statefulSet.getSpec().setTemplate(PodTemplates.template(PodScheduling.labels(scheduling, labels),
                PodScheduling.annotations(scheduling, null), pod(stack, settings, secret, scheduling)));
        return statefulSet;
    }

    /** MariaDB's pod: one server on the database volume, where spec.scheduling says. */
    private static io.fabric8.kubernetes.api.model.PodSpec pod(Stack stack, InClusterDatabaseSpec settings, String secret,
            SchedulingSpec scheduling) {
        io.fabric8.kubernetes.api.model.PodSpecBuilder pod = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                .withEnableServiceLinks(false)
                .withSecurityContext(SecurityContexts.mariadbPod())
                // Time for InnoDB to flush and shut down cleanly.
                .withTerminationGracePeriodSeconds(60L)
                .addNewContainer()
                .withName(StackLabels.MARIADB)
                .withImage(settings.getImage())
                .withArgs(SERVER_SETTINGS)
                .withEnv(environment(stack.database().schema(), secret))
                .addNewPort().withName("mysql").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withResources(settings.getResources())
                .withStartupProbe(tcpProbe(5, 120))
                .withReadinessProbe(tcpProbe(10, 3))
                .withLivenessProbe(tcpProbe(20, 6))
                .addNewVolumeMount().withName("data").withMountPath(DATA_PATH).endVolumeMount()
                .withSecurityContext(SecurityContexts.nonRootContainer())
                .endContainer()
                .addNewVolume().withName("data")
                .withNewPersistentVolumeClaim(stack.names().databaseVolume(), false).endVolume();
        if (settings.getMetrics().enabled()) {
            pod.addToContainers(exporter(settings.getMetrics(), secret));
        }
        PodScheduling.apply(pod, scheduling, null, null);
        return pod.build();
    }

    /**
     * mysqld_exporter beside the server, logged in over TCP as the Pi user: the server's status and variables need no
     * privilege, and no extra account has to exist (a volume initialised before the exporter was turned on has none).
     * Only flags mysqld_exporter has had since 0.15: a sidecar that cannot start would take the database pod out of
     * its Service. The collectors that need REPLICATION CLIENT or PROCESS are off (no replica; no such grant).
     */
    static Container exporter(DatabaseMetricsSpec metrics, String secret) {
        return new ContainerBuilder().withName("metrics").withImage(metrics.getImage())
                .withArgs("--mysqld.address=127.0.0.1:" + PORT, "--mysqld.username=$(EXPORTER_USER)",
                        "--no-collect.slave_status", "--no-collect.info_schema.innodb_cmp",
                        "--no-collect.info_schema.innodb_cmpmem")
                .withEnv(fromSecret("EXPORTER_USER", secret, DatabaseConnection.USERNAME_KEY),
                        fromSecret("MYSQLD_EXPORTER_PASSWORD", secret, DatabaseConnection.PASSWORD_KEY))
                .addNewPort().withName("metrics").withContainerPort(DatabaseMetricsSpec.PORT).withProtocol("TCP").endPort()
                .withNewResources().addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("32Mi"))
                .addToLimits("memory", new Quantity("64Mi")).endResources()
                .withSecurityContext(SecurityContexts.nonRootContainer())
                .build();
    }

    /**
     * The image creates the schema and the Pi user (all rights on the schema only) when it initialises an empty
     * volume, and upgrades the system tables when a newer image starts on existing data.
     */
    private static List<EnvVar> environment(String schema, String secret) {
        return List.of(
                fromSecret("MARIADB_ROOT_PASSWORD", secret, DatabaseCredentials.ROOT_PASSWORD_KEY),
                fromSecret("MARIADB_USER", secret, DatabaseConnection.USERNAME_KEY),
                fromSecret("MARIADB_PASSWORD", secret, DatabaseConnection.PASSWORD_KEY),
                new EnvVar("MARIADB_DATABASE", schema, null),
                new EnvVar("MARIADB_AUTO_UPGRADE", "1", null),
                new EnvVar("LANG", "C.UTF-8", null));
    }

    /**
     * The server listens on TCP only once initialisation is over (the image initialises with networking off), so
     * an open port means ready, without credentials in the probe.
     */
    private static Probe tcpProbe(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(PORT)).endTcpSocket()
                .withPeriodSeconds(periodSeconds).withTimeoutSeconds(5).withFailureThreshold(failureThreshold)
                .build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return EnvVars.fromSecret(name, secret, key);
    }
}
