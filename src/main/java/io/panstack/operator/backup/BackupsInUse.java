package io.panstack.operator.backup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.RestoreSpec;
import io.panstack.operator.stack.Stack;

/**
 * The backups a restore of the stack still needs, which neither retention nor a deletion asked for may remove: the
 * one database.restoreFrom names, the source and safety backup of a PanStackRestore under way, and the safety backup
 * of one that failed and left the repository partial (the way back). Pure.
 */
public final class BackupsInUse {

    private BackupsInUse() {
    }

    /** Their locations (s3://... or pvc://...), as the restores and records name them. */
    public static Set<String> locations(Stack stack, List<PanStackRestore> restores, List<PanStackBackup> records) {
        Set<String> needed = new LinkedHashSet<>();
        RestoreSpec from = stack.spec().getDatabase().getRestoreFrom();
        if (from != null && from.getBackup() != null) {
            needed.add(from.getBackup());
        }
        for (PanStackRestore restore : restores) {
            PanStackRestoreStatus status = restore.getStatus();
            if (underWay(status)) {
                addIfSet(needed, restore.getSpec().getLocation());
                addIfSet(needed, status == null ? null : status.getSource());
                records.stream().filter(r -> r.getMetadata().getName().equals(restore.getSpec().getBackup()))
                        .filter(r -> r.getStatus() != null).forEach(r -> addIfSet(needed, r.getStatus().getLocation()));
            }
            if (status != null && (underWay(status) || Boolean.TRUE.equals(status.getPiStopped()))) {
                addIfSet(needed, status.getSafetyBackup());
            }
        }
        return needed;
    }

    /** What needs the backup of this record, if anything. */
    static Optional<String> user(Stack stack, String record, String location, List<PanStackRestore> restores,
            List<PanStackBackup> records) {
        RestoreSpec from = stack.spec().getDatabase().getRestoreFrom();
        if (from != null && location.equals(from.getBackup())) {
            return Optional.of("database.restoreFrom of PanStack " + stack.name());
        }
        for (PanStackRestore restore : restores) {
            PanStackRestoreStatus status = restore.getStatus();
            // By name, or by another record of the same location.
            boolean names = record.equals(restore.getSpec().getBackup()) || location.equals(restore.getSpec().getLocation())
                    || (status != null && location.equals(status.getSource()))
                    || records.stream().anyMatch(r -> r.getMetadata().getName().equals(restore.getSpec().getBackup())
                            && r.getStatus() != null && location.equals(r.getStatus().getLocation()));
            boolean wayBack = status != null && location.equals(status.getSafetyBackup())
                    && (underWay(status) || Boolean.TRUE.equals(status.getPiStopped()));
            if ((underWay(status) && names) || wayBack) {
                return Optional.of("PanStackRestore " + restore.getMetadata().getName());
            }
        }
        return Optional.empty();
    }

    private static boolean underWay(PanStackRestoreStatus status) {
        return status == null || !status.finished();
    }

    private static void addIfSet(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }
}
