package io.panstack.operator.testsupport;

/**
 * The test tiers, as JUnit tags on every test class. {@code ./mvnw test} runs the fast ones (unit, apiserver: well
 * under a minute warm); {@code ./mvnw verify} runs them all but e2e; {@code ./mvnw verify -Pe2e} runs e2e.
 */
public final class Tiers {
    /** Pure code: builders, the status aggregator, scripts run with /bin/sh, manifests read from disk. */
    public static final String UNIT = "unit";
    /** The generated CRD as an API server would use it (schema, defaulting, CEL), emulated here. */
    public static final String APISERVER = "apiserver";
    /** The operator itself (Quarkus, JOSDK, fabric8) against the fabric8 mock API server, AWS against moto. */
    public static final String RECONCILER = "reconciler";
    /** The AWS SDK layer and whole AWS passes against moto, a real AWS emulator. */
    public static final String MOTO = "moto";
    /** Backup and restore scripts against real MariaDB servers (and moto's S3). */
    public static final String MARIADB = "mariadb";
    /** The packaged operator against the cluster of the current kube context. */
    public static final String E2E = "e2e";

    private Tiers() {
    }
}
