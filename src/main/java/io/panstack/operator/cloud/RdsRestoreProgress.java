package io.panstack.operator.cloud;

import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;

/**
 * Where a PanStackRestore to an RDS snapshot or point in time stands after an AWS pass (see RdsRestore).
 *
 * @param phase            null: as it was (a call failed and is tried again at the next pass)
 * @param restoredInstance the new instance, once it is being made
 * @param previousInstance the instance Pi ran on before
 */
public record RdsRestoreProgress(String restore, RestorePhase phase, String source, String restoredInstance,
        String previousInstance, String message) {

    public boolean finished() {
        return phase == RestorePhase.Completed || phase == RestorePhase.Failed;
    }
}
