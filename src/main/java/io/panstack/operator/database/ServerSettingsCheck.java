package io.panstack.operator.database;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.kube.EnvVars;
import io.panstack.operator.kube.ShellScript;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;

/**
 * An external database is not the operator's to configure: the dashboard's first init container checks it has what
 * Pi needs ({@value #SCRIPT}) and keeps the dashboard from starting until it does. What it says reaches status
 * through the pod's problems (WorkloadsReady). The operator's own MariaDB and RDS instances are set up right.
 */
public final class ServerSettingsCheck {
    public static final String CONTAINER = "check-database";
    static final String SCRIPT = "check-server.sh";
    private static final long MARIADB_UID = 999L;

    private ServerSettingsCheck() {
    }

    /** The init container for an external database (unless its checkSettings is false); none for the others. */
    public static List<Container> of(Stack stack) {
        if (stack.database().mode() != DatabaseMode.External
                || !stack.spec().getDatabase().getExternal().checksSettings()) {
            return List.of();
        }
        DatabaseConnection database = stack.database();
        return List.of(new ContainerBuilder().withName(CONTAINER)
                .withImage(stack.images().dumpAt(null))
                .withCommand("sh", "-c", ShellScript.load(ServerSettingsCheck.class, SCRIPT))
                .withEnv(EnvVars.value("DB_HOST", database.host()),
                        EnvVars.value("DB_PORT", Integer.toString(database.port())),
                        EnvVars.fromSecret("DB_USER", database.credentialsSecret(), DatabaseConnection.USERNAME_KEY),
                        EnvVars.fromSecret("MYSQL_PWD", database.credentialsSecret(), DatabaseConnection.PASSWORD_KEY))
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewResources()
                .addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("32Mi"))
                .addToLimits("memory", new Quantity("128Mi"))
                .endResources()
                .withSecurityContext(new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                        .withRunAsNonRoot(true).withRunAsUser(MARIADB_UID).withNewCapabilities().addToDrop("ALL")
                        .endCapabilities().build())
                .build());
    }

}
