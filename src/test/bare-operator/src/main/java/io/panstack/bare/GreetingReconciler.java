package io.panstack.bare;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** Copies the spec's message into the status: the least a reconciler does. */
public class GreetingReconciler implements Reconciler<Greeting> {
    @Override
    public UpdateControl<Greeting> reconcile(Greeting greeting, Context<Greeting> context) {
        Greeting.Status status = new Greeting.Status();
        status.observed = greeting.getSpec() == null ? null : greeting.getSpec().message;
        greeting.setStatus(status);
        return UpdateControl.patchStatus(greeting);
    }
}
