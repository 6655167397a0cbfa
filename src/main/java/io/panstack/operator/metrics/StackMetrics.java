package io.panstack.operator.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.api.v1alpha1.HibernationStatus;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.BackupHealth;
import io.panstack.operator.backup.VerificationHealth;
import io.panstack.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-stack gauges on /q/metrics, from the status the operator writes: readiness, ready replicas per component,
 * backup timestamps and the recovery point objective, so alerts can say {@code time() - last backup > max age}.
 * Labels stay bounded: namespace, name, and component or kind. A deleted stack's rows are removed.
 */
@ApplicationScoped
public class StackMetrics {
    /** One metric: what it reads of a stack's figures, by the value of its extra label (none: the key ""). */
    private record Metric(String name, String description, String extraLabel,
            Function<StackFigures, Map<String, Double>> values) {
    }

    private static final List<Metric> METRICS = List.of(
            // A suspended (or hibernating) stack is not ready on purpose: no row, so "stack not ready" alerts stay quiet.
            new Metric("panstack_ready", "1 when the stack's Ready condition is True, else 0", null,
                    f -> f.suspended() ? Map.of() : Map.of("", f.ready() ? 1.0 : 0.0)),
            new Metric("panstack_component_ready_replicas", "Ready pods of each component", "component",
                    f -> doubles(f.readyReplicas())),
            new Metric("panstack_last_backup_timestamp_seconds",
                    "Newest usable backup per kind (logical, snapshot, files), Unix seconds", "kind",
                    f -> seconds(f.lastBackup())),
            new Metric("panstack_last_failed_backup_timestamp_seconds", "Newest failed logical backup run, Unix seconds",
                    null, f -> f.lastFailedBackup() == null ? Map.of()
                            : Map.of("", (double) f.lastFailedBackup().getEpochSecond())),
            // No row while the stack sleeps on schedule (its backups wait for it to wake), so backup-age alerts,
            // which join on it, stay quiet until the backup taken on waking had its chance.
            new Metric("panstack_backup_max_age_seconds", "The stack's recovery point objective, seconds; no row while"
                    + " it hibernates", null, f -> f.maxAgeSeconds() == null || Boolean.TRUE.equals(f.hibernating())
                            ? Map.of() : Map.of("", (double) f.maxAgeSeconds())),
            new Metric("panstack_latest_restorable_timestamp_seconds",
                    "RDS: the latest time the database can be restored to, Unix seconds", null,
                    f -> f.latestRestorable() == null ? Map.of()
                            : Map.of("", (double) f.latestRestorable().getEpochSecond())),
            new Metric("panstack_backup_verified",
                    "1 when the newest backup was restored into a scratch server and matched its manifest, and the next"
                            + " verification is not overdue (condition BackupVerified), else 0; no row when verification"
                            + " is off", null, f -> f.verified() == null ? Map.of() : Map.of("", f.verified() ? 1.0 : 0.0)),
            new Metric("panstack_backup_last_verified_timestamp_seconds",
                    "When the newest verification that passed finished, Unix seconds", null,
                    f -> f.lastVerified() == null ? Map.of() : Map.of("", (double) f.lastVerified().getEpochSecond())),
            new Metric("panstack_aws_observation_failing",
                    "1 when the last read of an AWS figure that only feeds status failed (its status field says why),"
                            + " else 0; observation: database_snapshots, files_recovery_points, files_backup_policy,"
                            + " backup_pruning", "observation", f -> ones(f.observationsFailing())),
            new Metric("panstack_hibernating",
                    "1 while the stack sleeps or wakes on its spec.hibernation schedule, else 0; no row without one", null,
                    f -> f.hibernating() == null ? Map.of() : Map.of("", f.hibernating() ? 1.0 : 0.0)),
            new Metric("panstack_reconcile_failing",
                    "1 while the stack's reconciles fail and are retried (Reconciling reason ReconcileError), else 0",
                    null, f -> Map.of("", f.reconcileFailing() ? 1.0 : 0.0)));

    private final MeterRegistry registry;
    private final Map<ResourceID, StackFigures> stacks = new ConcurrentHashMap<>();
    /** Each stack's registered rows, by metric and key. */
    private final Map<ResourceID, Map<String, Meter.Id>> meters = new ConcurrentHashMap<>();

    /** Converging rechecks that found nothing new in the caches and ended at once (QuietRecheck); one row. */
    private final Counter quietRechecks;

    public StackMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.quietRechecks = Counter.builder("panstack.quiet.rechecks")
                .description("Reconciles of a converging stack that found nothing new in the caches and ended at once")
                .register(registry);
    }

    public void quietRecheck() {
        quietRechecks.increment();
    }

    /** What one stack shows; null values are left out. */
    public record StackFigures(boolean ready, boolean suspended, Map<String, Integer> readyReplicas, Map<String, Instant> lastBackup,
            Instant lastFailedBackup, Long maxAgeSeconds, Instant latestRestorable, Map<String, Boolean> observationsFailing,
            boolean reconcileFailing, Boolean verified, Instant lastVerified, Boolean hibernating) {
    }

    /** The figures of one stack, from its spec and the status the operator computed. */
    public static StackFigures figuresOf(PanStackSpec spec, PanStackStatus status) {
        return figuresOf(spec, status, null);
    }

    /**
     * @param liveRestorable the RDS latest restorable time read in this pass, or null: status shows it only when it
     *                       moved an hour, the metric shows it as read
     */
    public static StackFigures figuresOf(PanStackSpec spec, PanStackStatus status, Instant liveRestorable) {
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
        // Asleep on schedule is not ready on purpose, as suspended is. Waking is not: one that never ends must alert.
        boolean paused = spec.suspended() || (status.getHibernation() != null
                && status.getHibernation().getState() == HibernationStatus.State.Asleep);
        return new StackFigures(ready, paused, replicas, backups, backup == null ? null : time(backup.getLastFailureTime()),
                maxAge, liveRestorable != null ? liveRestorable
                        : status.getDatabase() == null ? null : time(status.getDatabase().getLatestRestorableTime()),
                observationsFailing(spec, status), status.getConditions().stream().anyMatch(c -> Conditions.RECONCILING
                        .equals(c.getType()) && Conditions.RECONCILE_ERROR.equals(c.getReason())),
                verified(status), backup == null ? null : time(backup.getLastVerifiedTime()),
                status.getHibernation() == null ? null : status.getHibernation().getState() != HibernationStatus.State.Awake);
    }

    /** BackupVerified as 1/0; null when there is none or verification is switched off (a choice, not a failure). */
    private static Boolean verified(PanStackStatus status) {
        return status.getConditions().stream().filter(c -> Conditions.BACKUP_VERIFIED.equals(c.getType()))
                .filter(c -> !VerificationHealth.DISABLED.equals(c.getReason()))
                .map(c -> Conditions.TRUE.equals(c.getStatus())).findFirst().orElse(null);
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

    /**
     * Each stack's gauges are registered once and read its current figures when scraped; a change registers only the
     * rows that appeared and removes those that went, of this stack alone. (Re-registering every stack's rows on each
     * change cost O(stacks) under one lock: at 1,000 stacks it was most of the operator's CPU.)
     */
    public void update(String namespace, String name, StackFigures figures) {
        ResourceID id = new ResourceID(name, namespace);
        if (figures.equals(stacks.get(id))) {
            return;
        }
        Map<String, Meter.Id> had = meters.getOrDefault(id, Map.of());
        Map<String, Meter.Id> rows = new HashMap<>();
        for (Metric metric : METRICS) {
            for (String key : metric.values().apply(figures).keySet()) {
                String row = metric.name() + "{" + key + "}";
                Meter.Id existing = had.get(row);
                rows.put(row, existing != null ? existing : register(id, metric, key));
            }
        }
        meters.put(id, rows);
        stacks.put(id, figures); // only once its rows exist: a failed registration is tried again next time
        had.forEach((row, meter) -> {
            if (!rows.containsKey(row)) {
                registry.remove(meter);
            }
        });
    }

    private Meter.Id register(ResourceID id, Metric metric, String key) {
        Tags tags = Tags.of("namespace", id.getNamespace().orElse(""), "name", id.getName());
        return Gauge.builder(metric.name(), () -> current(id, metric, key)).description(metric.description())
                .tags(metric.extraLabel() == null ? tags : tags.and(metric.extraLabel(), key)).strongReference(true)
                .register(registry).getId();
    }

    public void remove(String namespace, String name) {
        ResourceID id = new ResourceID(name, namespace);
        stacks.remove(id);
        Map<String, Meter.Id> had = meters.remove(id);
        if (had != null) {
            had.values().forEach(registry::remove);
        }
    }

    private double current(ResourceID id, Metric metric, String key) {
        StackFigures figures = stacks.get(id);
        Double value = figures == null ? null : metric.values().apply(figures).get(key);
        return value == null ? Double.NaN : value;
    }

    private static Map<String, Double> ones(Map<String, Boolean> flags) {
        Map<String, Double> result = new java.util.LinkedHashMap<>();
        flags.forEach((k, v) -> result.put(k, v ? 1.0 : 0.0));
        return result;
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
}
