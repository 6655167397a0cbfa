package io.panstack.operator.database;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.stack.Stack;

/** Whether the repository database takes connections, as far as the operator can tell from its caches. */
public final class DatabaseReadiness {

    private DatabaseReadiness() {
    }

    /**
     * An in-cluster MariaDB is ready once its pod passes the readiness probe; an RDS instance once AWS reports it
     * serving, in this reconcile's AWS pass (computed once a pass, see Pass). An external server is taken as ready
     * once configured: the operator may not be able to reach it (network policies), the dashboard can.
     */
    public static boolean isReady(Stack stack, CloudState cloud, Context<PanStack> context) {
        if (stack.database().mode() == DatabaseMode.External) {
            return true;
        }
        if (stack.database().mode() == DatabaseMode.Rds) {
            return cloud != null && cloud.database() != null && cloud.database().state().ready();
        }
        return context.getSecondaryResource(StatefulSet.class).map(DatabaseReadiness::hasReadyPod).orElse(false);
    }

    static boolean hasReadyPod(StatefulSet statefulSet) {
        return statefulSet.getStatus() != null && statefulSet.getStatus().getReadyReplicas() != null
                && statefulSet.getStatus().getReadyReplicas() >= 1;
    }
}
