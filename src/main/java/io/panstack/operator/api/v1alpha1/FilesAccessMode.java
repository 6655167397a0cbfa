package io.panstack.operator.api.v1alpha1;

/** The PersistentVolumeClaim access modes that can serve Pi's shared files. */
public enum FilesAccessMode {
    ReadWriteOnce,
    ReadWriteMany
}
