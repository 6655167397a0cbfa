package io.panstack.operator.reconcile.dependent;

import io.panstack.operator.reconcile.pass.Pass;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.build.DashboardIngress;
import io.panstack.operator.stack.StackLabels;

/** The dashboard's Ingress; removed when spec.ingress.enabled turns false (see {@link Preconditions.IngressWanted}). */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class DashboardIngressDependent extends CRUDKubernetesDependentResource<Ingress, PanStack> {

    public DashboardIngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(PanStack primary, Context<PanStack> context) {
        return DashboardIngress.desired(Pass.of(context).stack());
    }
}
