package io.panstack.operator.backup;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.database.DatabaseCredentials;
import io.panstack.operator.kube.EnvVars;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;

/**
 * How the backup and restore scripts log in to the repository database: host, port, schema and user in the
 * environment, the password only as a file from the Secret (never an environment value or an argument). In-cluster
 * they use MariaDB's root, because dumping and loading routines and triggers needs more than the Pi user's rights.
 * Pure.
 */
final class DatabaseLogin {
    static final String VOLUME = "db-login";
    static final String PATH = "/run/secrets/db";

    private DatabaseLogin() {
    }

    static List<EnvVar> env(Stack stack) {
        DatabaseConnection db = stack.database();
        List<EnvVar> env = new ArrayList<>(List.of(value(BackupScripts.DB_HOST, db.host()),
                value(BackupScripts.DB_PORT, Integer.toString(db.port())), value(BackupScripts.DB_SCHEMA, db.schema()),
                value(BackupScripts.DB_PASSWORD_FILE, PATH + "/password")));
        if (db.mode() == DatabaseMode.InCluster) {
            env.add(value(BackupScripts.DB_USER, "root"));
        } else {
            env.add(EnvVars.fromSecret(BackupScripts.DB_USER, db.credentialsSecret(), DatabaseConnection.USERNAME_KEY));
        }
        return env;
    }

    /** The Secret's password key alone, as the file "password", readable by the owner only. */
    static Volume passwordVolume(Stack stack) {
        String key = stack.database().mode() == DatabaseMode.InCluster ? DatabaseCredentials.ROOT_PASSWORD_KEY
                : DatabaseConnection.PASSWORD_KEY;
        return new VolumeBuilder().withName(VOLUME).withNewSecret()
                .withSecretName(stack.database().credentialsSecret()).withDefaultMode(0400)
                .addNewItem().withKey(key).withPath("password").endItem().endSecret().build();
    }

    static EnvVar value(String name, String value) {
        return EnvVars.value(name, value);
    }
}
