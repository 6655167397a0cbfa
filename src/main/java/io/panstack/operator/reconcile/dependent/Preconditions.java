package io.panstack.operator.reconcile.dependent;

import io.panstack.operator.reconcile.pass.Pass;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.build.DashboardDisruptionBudget;

/**
 * Workflow preconditions. A false precondition deletes the dependent, so they guard only objects that hold no
 * data; the data itself (claims, credentials) is never a dependent.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static class IngressWanted implements Condition<HasMetadata, PanStack> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, PanStack> dependent, PanStack primary,
                Context<PanStack> context) {
            return primary.getSpec().getIngress().enabled() && primary.getSpec().getExternalUrl() != null;
        }
    }

    public static class DisruptionBudgetWanted implements Condition<HasMetadata, PanStack> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, PanStack> dependent, PanStack primary,
                Context<PanStack> context) {
            return DashboardDisruptionBudget.wanted(Pass.of(context).stack());
        }
    }

    public static class BackupWanted implements Condition<HasMetadata, PanStack> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, PanStack> dependent, PanStack primary,
                Context<PanStack> context) {
            return primary.getSpec().getBackup() != null;
        }
    }

    /** The validator stalls a change of database mode before the workflow runs, so this never flips for a stack. */
    public static class InClusterDatabase implements Condition<HasMetadata, PanStack> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, PanStack> dependent, PanStack primary,
                Context<PanStack> context) {
            return primary.getSpec().getDatabase().mode() == DatabaseMode.InCluster;
        }
    }
}
