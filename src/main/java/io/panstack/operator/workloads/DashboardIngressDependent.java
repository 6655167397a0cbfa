package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.pass.PassCondition;
import io.panstack.operator.pass.PassDependent;
import io.panstack.operator.stack.StackLabels;

/** The dashboard's Ingress; removed when spec.ingress.enabled turns false (see {@link Wanted}). */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class DashboardIngressDependent extends PassDependent<Ingress> {

    public DashboardIngressDependent() {
        super(Ingress.class, pass -> DashboardIngress.desired(pass.stack()));
    }

    /** Only with spec.ingress.enabled and an externalUrl; removed when either goes. */
    public static class Wanted extends PassCondition {
        public Wanted() {
            super(stack -> stack.spec().getIngress().enabled() && stack.spec().getExternalUrl() != null);
        }
    }
}
