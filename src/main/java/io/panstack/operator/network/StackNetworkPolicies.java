package io.panstack.operator.network;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.pass.ByComponent;

/** The stack's NetworkPolicies (see NetworkIsolation), keyed by component label; removed with the component. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class StackNetworkPolicies extends ByComponent<NetworkPolicy> {

    public StackNetworkPolicies() {
        super(NetworkPolicy.class, (pass, existing) -> NetworkIsolation.desired(pass.stack()));
    }
}
