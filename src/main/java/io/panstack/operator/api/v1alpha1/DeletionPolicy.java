package io.panstack.operator.api.v1alpha1;

/** What becomes of a stack's data when its PanStack is deleted. */
public enum DeletionPolicy {
    /**
     * Keep everything: the database volume, its credentials and the files volume (a PanStack of the same name re-uses
     * them), and the RDS instance, EFS file system and bucket (no longer tagged as managed; adopt them by id).
     */
    Retain,
    /** Like Retain, but the RDS instance is deleted after a final snapshot. */
    Snapshot,
    /** Delete all of it with the PanStack: volumes, credentials, RDS instance (no snapshot), file system, bucket. */
    Delete
}
