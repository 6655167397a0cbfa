package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.pass.PassCondition;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The dashboard's Ingress; removed when spec.ingress.enabled turns false (see {@link Wanted}). */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class DashboardIngressDependent extends CRUDKubernetesDependentResource<Ingress, PanStack> {

    public DashboardIngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(PanStack primary, Context<PanStack> context) {
        return DashboardIngress.desired(Pass.of(context).stack());
    }

    /** Only with spec.ingress.enabled and an externalUrl; removed when either goes. */
    public static class Wanted extends PassCondition {
        @Override
        protected boolean holds(Stack stack) {
            return stack.spec().getIngress().enabled() && stack.spec().getExternalUrl() != null;
        }
    }
}
