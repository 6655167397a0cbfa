package io.panstack.operator.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/** metav1.Condition bookkeeping: lastTransitionTime moves only when the status value changes. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String DATABASE_READY = "DatabaseReady";
    public static final String FILES_READY = "FilesReady";
    public static final String BUCKET_READY = "BucketReady";
    static final String WORKLOADS_READY = "WorkloadsReady";
    public static final String BACKUP_HEALTHY = "BackupHealthy";
    /** Whether the newest logical backup was restored into a scratch server and matched its manifest (see verify). */
    public static final String BACKUP_VERIFIED = "BackupVerified";
    /** BackupHealthy's reason when spec.backup.enabled opts out: an explicit choice, shown but not a degradation. */
    public static final String BACKUPS_DISABLED = "BackupsDisabled";
    /** Ready's and Reconciling's reason while reconciles fail and are retried. */
    public static final String RECONCILE_ERROR = "ReconcileError";

    public static final String TRUE = "True";
    public static final String FALSE = "False";

    /** The API server stores up to 32768 characters; keep messages readable in kubectl well before that. */
    static final int MAX_MESSAGE = 1024;

    private Conditions() {
    }

    public static Condition make(List<Condition> previous, String type, boolean status, String reason, String message,
            long generation, Instant now) {
        String value = status ? TRUE : FALSE;
        String since = find(previous, type)
                .filter(old -> value.equals(old.getStatus()) && old.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(truncate(message)).withObservedGeneration(generation).withLastTransitionTime(since)
                .build();
    }

    public static java.util.Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? java.util.Optional.empty()
                : conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    static String truncate(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
