package io.panstack.operator.reconcile;

import java.util.Map;
import java.util.Objects;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.backup.Backups;

/**
 * Which updates of a PanStack start a reconcile: a new generation (spec), deletion, a changed finalizer list, or a
 * new panstack.io/backup-now value. Not its status, which the operator writes itself.
 */
public class WorthReconciling implements OnUpdateFilter<PanStack> {

    @Override
    public boolean accept(PanStack updated, PanStack old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || updated.isMarkedForDeletion()
                || !Objects.equals(updated.getMetadata().getFinalizers(), old.getMetadata().getFinalizers())
                || !Objects.equals(backupNow(updated), backupNow(old));
    }

    private static String backupNow(PanStack stack) {
        Map<String, String> annotations = stack.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Backups.BACKUP_NOW);
    }
}
