package io.panstack.operator.api.v1alpha1;

/** What becomes of a stack's data when its PanStack is deleted. */
public enum DeletionPolicy {
    /** Keep the database volume, its credentials and the files volume; a PanStack of the same name re-uses them. */
    Retain,
    /** Delete them with the PanStack. */
    Delete
}
