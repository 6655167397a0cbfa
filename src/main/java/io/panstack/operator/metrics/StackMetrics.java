package io.panstack.operator.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.BackupHealth;
import io.panstack.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-stack gauges on /q/metrics, from the status the operator writes: readiness, ready replicas per component,
 * backup timestamps and the recovery point objective, so alerts can say {@code time() - last backup > max age}.
 * Labels stay bounded: namespace, name, and component or kind. A deleted stack's rows are removed.
 */
@ApplicationScoped
public class StackMetrics {
    private final Map<ResourceID, StackFigures> stacks = new ConcurrentHashMap<>();
    private final MultiGauge ready;
    private final MultiGauge readyReplicas;
    private final MultiGauge lastBackup;
    private final MultiGauge lastFailedBackup;
    private final MultiGauge maxAge;
    private final MultiGauge latestRestorable;
    private final MultiGauge observationFailing;
    private final MultiGauge reconcileFailing;

    public StackMetrics(MeterRegistry registry) {
        ready = gauge(registry, "panstack_ready", "1 when the stack's Ready condition is True, else 0");
        readyReplicas = gauge(registry, "panstack_component_ready_replicas", "Ready pods of each component");
        lastBackup = gauge(registry, "panstack_last_backup_timestamp_seconds",
                "Newest usable backup per kind (logical, snapshot, files), Unix seconds");
        lastFailedBackup = gauge(registry, "panstack_last_failed_backup_timestamp_seconds",
                "Newest failed logical backup run, Unix seconds");
        maxAge = gauge(registry, "panstack_backup_max_age_seconds", "The stack's recovery point objective, seconds");
        latestRestorable = gauge(registry, "panstack_latest_restorable_timestamp_seconds",
                "RDS: the latest time the database can be restored to, Unix seconds");
        observationFailing = gauge(registry, "panstack_aws_observation_failing",
                "1 when the last read of an AWS figure that only feeds status failed (its status field says why), else 0;"
                        + " observation: database_snapshots, files_recovery_points, files_backup_policy, backup_pruning");
        reconcileFailing = gauge(registry, "panstack_reconcile_failing",
                "1 while the stack's reconciles fail and are retried (Reconciling reason ReconcileError), else 0");
    }

    /** What one stack shows; null values are left out. */
    public record StackFigures(boolean ready, boolean suspended, Map<String, Integer> readyReplicas, Map<String, Instant> lastBackup,
            Instant lastFailedBackup, Long maxAgeSeconds, Instant latestRestorable, Map<String, Boolean> observationsFailing,
            boolean reconcileFailing) {
    }

    /** The figures of one stack, from its spec and the status the operator computed. */
    public static StackFigures figuresOf(PanStackSpec spec, PanStackStatus status) {
        boolean ready = status.getConditions().stream()
                .anyMatch(c -> Conditions.READY.equals(c.getType()) && Conditions.TRUE.equals(c.getStatus()));
        Map<String, Integer> replicas = new java.util.LinkedHashMap<>();
        status.getComponents().forEach(c -> replicas.put(c.getName(), c.getReadyReplicas() == null ? 0 : c.getReadyReplicas()));
        Map<String, Instant> backups = new java.util.LinkedHashMap<>();
        BackupStatus backup = status.getBackup();
        if (backup != null) {
            backups.put("logical", time(backup.getLastSuccessfulTime()));
            backups.put("snapshot", time(backup.getLastSnapshotTime()));
        }
        if (status.getFiles() != null) {
            backups.put("files", time(status.getFiles().getLastRecoveryPointTime()));
        }
        Long maxAge = !spec.backsUp() ? null
                : BackupHealth.parse(spec.getBackup().getMaxAge()).map(java.time.Duration::toSeconds).orElse(null);
        return new StackFigures(ready, spec.suspended(), replicas, backups, backup == null ? null : time(backup.getLastFailureTime()),
                maxAge, status.getDatabase() == null ? null : time(status.getDatabase().getLatestRestorableTime()),
                observationsFailing(spec, status), status.getConditions().stream().anyMatch(c -> Conditions.RECONCILING
                        .equals(c.getType()) && Conditions.RECONCILE_ERROR.equals(c.getReason())));
    }

    /** The observations this stack's spec makes, and whether the last read of each failed. */
    private static Map<String, Boolean> observationsFailing(PanStackSpec spec, PanStackStatus status) {
        Map<String, Boolean> failing = new java.util.LinkedHashMap<>();
        if (spec.getDatabase().getRds() != null && status.getBackup() != null) {
            failing.put("database_snapshots", status.getBackup().getLastSnapshotError() != null);
        }
        if (spec.getBucket() != null && status.getBackup() != null) {
            failing.put("backup_pruning", status.getBackup().getPruneError() != null);
        }
        if (spec.getFiles().getEfs() != null && status.getFiles() != null) {
            failing.put("files_recovery_points", status.getFiles().getLastRecoveryPointError() != null);
            failing.put("files_backup_policy", status.getFiles().getBackupPolicyError() != null);
        }
        return failing;
    }

    private static Instant time(String text) {
        return text == null ? null : Instant.parse(text);
    }

    public void update(String namespace, String name, StackFigures figures) {
        StackFigures before = stacks.put(new ResourceID(name, namespace), figures);
        if (!figures.equals(before)) {
            publish();
        }
    }

    public void remove(String namespace, String name) {
        if (stacks.remove(new ResourceID(name, namespace)) != null) {
            publish();
        }
    }

    private synchronized void publish() {
        // A suspended stack is not ready on purpose: no row, so "stack not ready" alerts stay quiet.
        ready.register(rows(f -> f.suspended() ? Map.of() : Map.of("", f.ready() ? 1.0 : 0.0), null), true);
        readyReplicas.register(rows(f -> doubles(f.readyReplicas()), "component"), true);
        lastBackup.register(rows(f -> seconds(f.lastBackup()), "kind"), true);
        lastFailedBackup.register(rows(f -> f.lastFailedBackup() == null ? Map.of()
                : Map.of("", (double) f.lastFailedBackup().getEpochSecond()), null), true);
        maxAge.register(rows(f -> f.maxAgeSeconds() == null ? Map.of() : Map.of("", (double) f.maxAgeSeconds()), null), true);
        latestRestorable.register(rows(f -> f.latestRestorable() == null ? Map.of()
                : Map.of("", (double) f.latestRestorable().getEpochSecond()), null), true);
        observationFailing.register(rows(f -> ones(f.observationsFailing()), "observation"), true);
        reconcileFailing.register(rows(f -> Map.of("", f.reconcileFailing() ? 1.0 : 0.0), null), true);
    }

    private static Map<String, Double> ones(Map<String, Boolean> flags) {
        Map<String, Double> result = new java.util.LinkedHashMap<>();
        flags.forEach((k, v) -> result.put(k, v ? 1.0 : 0.0));
        return result;
    }

    /** One row per stack and key; the key becomes the extra label (none when extraLabel is null). */
    private List<MultiGauge.Row<?>> rows(Function<StackFigures, Map<String, Double>> values, String extraLabel) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        stacks.forEach((id, figures) -> values.apply(figures).forEach((key, value) -> {
            Tags tags = Tags.of("namespace", id.getNamespace().orElse(""), "name", id.getName());
            rows.add(MultiGauge.Row.of(extraLabel == null ? tags : tags.and(extraLabel, key), value));
        }));
        return rows;
    }

    private static Map<String, Double> doubles(Map<String, Integer> values) {
        Map<String, Double> result = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, v.doubleValue()));
        return result;
    }

    private static Map<String, Double> seconds(Map<String, Instant> times) {
        Map<String, Double> result = new java.util.LinkedHashMap<>();
        times.forEach((k, v) -> {
            if (v != null) {
                result.put(k, (double) v.getEpochSecond());
            }
        });
        return result;
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }
}
