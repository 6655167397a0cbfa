package io.panstack.operator.stack;

import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.DatabaseSpec;
import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.api.v1alpha1.Defaults;
import io.panstack.operator.api.v1alpha1.ExternalDatabaseSpec;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.api.v1alpha1.RdsDatabaseSpec;

/**
 * What the builders need to know about one PanStack, derived once from it, and what the operator's settings add:
 * the images of its Jobs, the namespaces whose AWS resources it may use besides its own.
 */
public record Stack(PanStack resource, StackNames names, DatabaseConnection database, ExternalUrl externalUrl,
        JobImages images, SharedNamespaces shared, Sleep sleep) {

    /** With the default Job images. */
    public static Stack of(PanStack resource) {
        return of(resource, JobImages.DEFAULTS);
    }

    public static Stack of(PanStack resource, JobImages images) {
        return of(resource, images, SharedNamespaces.NONE);
    }

    /** @param shared the namespaces whose AWS resources this one may use besides its own (operator settings) */
    public static Stack of(PanStack resource, JobImages images, SharedNamespaces shared) {
        StackNames names = new StackNames(resource.getMetadata().getName());
        PanStackSpec spec = resource.getSpec();
        return new Stack(resource, names, DatabaseConnection.of(spec.getDatabase(), names, resource.getStatus()),
                ExternalUrl.parse(spec.getExternalUrl()), images, shared, Sleep.AWAKE);
    }

    /**
     * This stack running another Pi release than its spec asks for (an upgrade held back): the same PanStack with
     * spec.version replaced, in a copy.
     */
    public Stack runningVersion(PanStack copy, String version) {
        copy.getSpec().setVersion(version);
        return new Stack(copy, names, database, externalUrl, images, shared, sleep);
    }

    /** This stack with the database found at host:port (an RDS endpoint, known once AWS reports it). */
    public Stack withDatabaseEndpoint(String host, int port) {
        return new Stack(resource, names, new DatabaseConnection(database.mode(), host, port, database.schema(),
                database.credentialsSecret()), externalUrl, images, shared, sleep);
    }

    /** This stack at this point of its hibernation schedule. */
    public Stack withSleep(Sleep sleep) {
        return new Stack(resource, names, database, externalUrl, images, shared, sleep);
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

        static DatabaseConnection of(DatabaseSpec database, StackNames names, PanStackStatus status) {
            if (database.mode() == DatabaseMode.Rds) {
                // The endpoint comes from AWS: until this pass has asked, the last one seen is the best guess.
                DatabaseStatus seen = status == null ? null : status.getDatabase();
                RdsDatabaseSpec rds = database.getRds();
                return new DatabaseConnection(DatabaseMode.Rds, seen == null ? null : seen.getHost(),
                        seen == null || seen.getPort() == null ? Defaults.DATABASE_PORT : seen.getPort(),
                        database.getSchema(), rds.getCredentialsSecretRef() != null
                                ? rds.getCredentialsSecretRef().getName() : names.databaseCredentials());
            }
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
