package io.panstack.operator.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panstack.operator.status.Readiness;

/**
 * The BackupHealthy verdict: is the newest usable backup younger than the recovery point objective (maxAge)? Pure.
 * Usable backups are the logical dumps, RDS snapshots and RDS point-in-time recovery: whichever is newest counts.
 */
public final class BackupHealth {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)([dhm])");

    private BackupHealth() {
    }

    /**
     * @param newest      newest time per kind of usable backup (kinds without one are absent)
     * @param lastFailure last failed logical backup, or null
     * @param since       when backups were first asked for (the stack's creation): before maxAge has passed since
     *                    then, having none yet is not a failure
     */
    public static Readiness<Void> of(Map<String, Instant> newest, Instant lastFailure, Duration maxAge, Instant since,
            Instant now) {
        Optional<Map.Entry<String, Instant>> best = newest.entrySet().stream().filter(e -> e.getValue() != null)
                .max(Map.Entry.comparingByValue());
        String limit = " (maxAge " + format(maxAge) + ")";
        if (best.isEmpty()) {
            if (since != null && Duration.between(since, now).compareTo(maxAge) < 0) {
                return new Readiness<>(true, "FirstBackupPending", "No backup yet; the first is due within maxAge "
                        + format(maxAge) + failed(lastFailure, null), null);
            }
            return new Readiness<>(false, "NoBackup", "No usable backup exists" + limit + failed(lastFailure, null), null);
        }
        Duration age = Duration.between(best.get().getValue(), now);
        // The message names the time, not the age, so an unchanged stack does not rewrite its status every pass;
        // only a stale one says how old, in whole hours.
        String newestText = "The newest backup (" + best.get().getKey() + ") is from " + best.get().getValue();
        if (age.compareTo(maxAge) > 0) {
            return new Readiness<>(false, "BackupTooOld", newestText + ", " + format(age.truncatedTo(ChronoUnit.HOURS))
                    + " old: older than maxAge " + format(maxAge) + failed(lastFailure, best.get().getValue()), null);
        }
        boolean lastRunFailed = lastFailure != null && lastFailure.isAfter(best.get().getValue());
        return new Readiness<>(true, lastRunFailed ? "LastBackupFailed" : "BackupFresh",
                newestText + limit + failed(lastFailure, best.get().getValue()), null);
    }

    private static String failed(Instant lastFailure, Instant newest) {
        return lastFailure != null && (newest == null || lastFailure.isAfter(newest))
                ? "; the last backup run failed at " + lastFailure : "";
    }

    /** A duration as the spec writes it: "26h", "1d12h", "90m". Empty when malformed or zero. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty() || !text.matches("^([0-9]+[dhm])+$")) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            });
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }

    /** "26h", "36h30m", "3d", "45m": whole days only when nothing smaller is left, as people write RPOs. */
    static String format(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes > 0 && minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        String text = (hours > 0 ? hours + "h" : "") + (rest > 0 ? rest + "m" : "");
        return text.isEmpty() ? "0m" : text;
    }
}
