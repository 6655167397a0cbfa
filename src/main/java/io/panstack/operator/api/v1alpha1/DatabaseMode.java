package io.panstack.operator.api.v1alpha1;

/** Where the repository database runs. */
public enum DatabaseMode {
    InCluster,
    Rds,
    External
}
