package io.panstack.operator.database;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.pass.PassCondition;
import io.panstack.operator.pass.PassDependent;
import io.panstack.operator.stack.StackLabels;

/**
 * The in-cluster MariaDB. Its data lives in a claim the operator manages apart from this StatefulSet
 * (reconcile/PersistentData), so the StatefulSet itself holds nothing that could be lost.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class MariaDbStatefulSet extends PassDependent<StatefulSet> {

    public MariaDbStatefulSet() {
        super(StatefulSet.class, pass -> MariaDb.desired(pass.stack()));
    }

    /** The validator stalls a change of database mode before the workflow runs, so this never flips for a stack. */
    public static class InCluster extends PassCondition {
        public InCluster() {
            super(stack -> stack.database().mode() == DatabaseMode.InCluster);
        }
    }
}
