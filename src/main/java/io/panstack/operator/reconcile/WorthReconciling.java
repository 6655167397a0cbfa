package io.panstack.operator.reconcile;

import java.util.Map;
import java.util.Objects;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.backup.Verifications;

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
                || !Objects.equals(annotation(updated, Backups.BACKUP_NOW), annotation(old, Backups.BACKUP_NOW))
                || !Objects.equals(annotation(updated, Verifications.VERIFY_NOW), annotation(old, Verifications.VERIFY_NOW));
    }

    private static String annotation(PanStack stack, String key) {
        Map<String, String> annotations = stack.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
