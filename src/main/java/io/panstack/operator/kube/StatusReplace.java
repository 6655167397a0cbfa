package io.panstack.operator.kube;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Writes the status of one of the operator's records (PanStackBackup, PanStackRestore) whole: a field the new status
 * lacks (an earlier message) goes, which a merge patch would leave in place. One JSON patch on the status subresource.
 */
public final class StatusReplace {

    private StatusReplace() {
    }

    public static <T extends HasMetadata> void write(KubernetesClient client, Class<T> type, String namespace, String name,
            Object status) {
        client.resources(type).inNamespace(namespace).withName(name).subresource("status").patch(
                PatchContext.of(PatchType.JSON),
                Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
    }
}
