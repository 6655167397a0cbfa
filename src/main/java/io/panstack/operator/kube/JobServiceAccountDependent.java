package io.panstack.operator.kube;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.pass.PassDependent;
import io.panstack.operator.stack.StackLabels;

/** The stack's ServiceAccount for its one-shot pods; it holds nothing, so it goes with the PanStack. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class JobServiceAccountDependent extends PassDependent<ServiceAccount> {

    public JobServiceAccountDependent() {
        super(ServiceAccount.class, pass -> JobServiceAccount.desired(pass.stack()));
    }
}
