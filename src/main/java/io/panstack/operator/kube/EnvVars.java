package io.panstack.operator.kube;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/** The two kinds of environment variable the operator's containers get: a plain value, or a key of a Secret. */
public final class EnvVars {

    private EnvVars() {
    }

    public static EnvVar value(String name, String value) {
        return new EnvVar(name, value, null);
    }

    /** By reference only: the value never appears in the pod spec. A missing key keeps the container from starting. */
    public static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef(key, secret, false).endValueFrom().build();
    }
}
