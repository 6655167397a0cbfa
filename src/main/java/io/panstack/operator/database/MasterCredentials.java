package io.panstack.operator.database;

/** The RDS master login the operator keeps in a Kubernetes Secret. The password never leaves it except to AWS. */
public interface MasterCredentials {

    /** Whether the Secret exists with a password. */
    boolean exist();

    /**
     * The password to create the instance with: the one already in the Secret (a create that was cut short and is
     * being repeated), or a new one, generated and stored in the Secret before it is sent to AWS.
     */
    String passwordForNewInstance(String username);
}
