package io.panstack.operator.kube;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The ServiceAccount of a stack's one-shot pods (backup, restore, seeding). One per stack rather than the
 * namespace's default, so an IAM role bound to it (IRSA, EKS Pod Identity) reaches those pods only. The pods need
 * no Kubernetes API, so no token is mounted. Pure.
 */
public final class JobServiceAccount {

    private JobServiceAccount() {
    }

    public static ServiceAccount desired(Stack stack) {
        // A map of its own even when empty: JOSDK records its own annotation on the object it applies.
        Map<String, String> annotations = new LinkedHashMap<>();
        if (stack.spec().getJobIdentity() != null && stack.spec().getJobIdentity().getAnnotations() != null) {
            annotations.putAll(stack.spec().getJobIdentity().getAnnotations());
        }
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(stack.names().jobs()).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), "jobs")).withAnnotations(annotations).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    /** The pod's ServiceAccount: the one a spec names for it, else the stack's. */
    public static String forPod(Stack stack, String named) {
        return named != null ? named : stack.names().jobs();
    }
}
