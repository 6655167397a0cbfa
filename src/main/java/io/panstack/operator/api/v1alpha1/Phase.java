package io.panstack.operator.api.v1alpha1;

/** The one-word summary in status.phase; the conditions carry the detail. */
public enum Phase {
    /** Being created or rolled out; nothing is known to be wrong. */
    Provisioning,
    /** Every enabled component is ready and runs the current spec. */
    Ready,
    /** Running, but some pods fail (crash loop, image pull, scheduling); see the components and WorkloadsReady. */
    Degraded,
    /** The spec cannot be carried out until a human changes something; see Stalled. */
    Failed,
    /** spec.suspend: the Pi components are scaled to zero on purpose. */
    Suspended,
    /** spec.hibernation: outside its awake windows, Pi and the database are stopped on schedule. */
    Hibernating,
    /** The PanStack is being deleted; it stays until its AWS resources are gone or released per deletionPolicy. */
    Deleting
}
