package io.panstack.operator.stack;

import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.DatabaseSpec;
import io.panstack.operator.api.v1alpha1.Defaults;
import io.panstack.operator.api.v1alpha1.ExternalDatabaseSpec;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackSpec;

/** What the builders need to know about one PanStack, derived once from it. */
public record Stack(PanStack resource, StackNames names, DatabaseConnection database, ExternalUrl externalUrl) {

    public static Stack of(PanStack resource) {
        StackNames names = new StackNames(resource.getMetadata().getName());
        PanStackSpec spec = resource.getSpec();
        return new Stack(resource, names, DatabaseConnection.of(spec.getDatabase(), names),
                ExternalUrl.parse(spec.getExternalUrl()));
    }

    public String name() {
        return resource.getMetadata().getName();
    }

    public String namespace() {
        return resource.getMetadata().getNamespace();
    }

    public PanStackSpec spec() {
        return resource.getSpec();
    }

    /** Where the components reach the repository, and the Secret with the login they use. */
    public record DatabaseConnection(DatabaseMode mode, String host, int port, String schema, String credentialsSecret) {
        public static final String USERNAME_KEY = "username";
        public static final String PASSWORD_KEY = "password";

        static DatabaseConnection of(DatabaseSpec database, StackNames names) {
            if (database.mode() == DatabaseMode.External) {
                ExternalDatabaseSpec external = database.getExternal();
                return new DatabaseConnection(DatabaseMode.External, external.getHost(), external.port(),
                        database.getSchema(), external.getCredentialsSecretRef().getName());
            }
            return new DatabaseConnection(DatabaseMode.InCluster, names.mariadb(), Defaults.DATABASE_PORT, database.getSchema(),
                    names.databaseCredentials());
        }
    }
}
