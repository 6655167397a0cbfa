package io.panstack.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.panstack.operator.api.v1alpha1.PanStack;

public class PanStackReconciler implements Reconciler<PanStack> {
    @Override
    public UpdateControl<PanStack> reconcile(PanStack resource, Context<PanStack> context) {
        return UpdateControl.noUpdate();
    }
}
