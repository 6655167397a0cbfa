package io.panstack.operator.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panstack.operator.status.Readiness;

/**
 * The BackupHealthy verdict over every kind of backup the stack has (the logical dumps; RDS point-in-time recovery,
 * whose automated snapshots count with it): each must have a usable backup younger than the recovery point objective
 * (maxAge), and its last run must not have failed. One kind going stale or failing is enough for False, and the
 * message names it: a fresh RDS snapshot does not hide logical dumps that have failed for weeks. Pure.
 */
public final class BackupHealth {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)([dhm])");

    private BackupHealth() {
    }

    /**
     * One kind of backup the stack has.
     *
     * @param newest      its newest usable backup, or null
     * @param lastFailure its last failed run, or null (kinds AWS runs report no failures)
     * @param continuous  its newest time moves all the time (point-in-time recovery): left out of the message, so an
     *                    unchanged stack does not rewrite its status on every poll
     * @param failure     what the failure was, when it was no failed run (e.g. a backup that failed verification)
     */
    public record Kind(String name, Instant newest, Instant lastFailure, boolean continuous, String failure) {

        public Kind(String name, Instant newest, Instant lastFailure, boolean continuous) {
            this(name, newest, lastFailure, continuous, null);
        }

        boolean failing() {
            return lastFailure != null && (newest == null || lastFailure.isAfter(newest));
        }

        String describe() {
            return name + (continuous ? " current" : " from " + newest);
        }
    }

    /**
     * @param since when backups were first asked for (the stack's creation): before maxAge has passed since then,
     *              a kind with none yet is not a failure
     */
    public static Readiness<Void> of(List<Kind> kinds, Duration maxAge, Instant since, Instant now) {
        String limit = " (maxAge " + format(maxAge) + ")";
        boolean young = since != null && Duration.between(since, now).compareTo(maxAge) < 0;
        List<String> none = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (Kind kind : kinds) {
            if (kind.newest() == null) {
                if (!young) {
                    none.add(kind.name() + failed(kind));
                }
            } else if (Duration.between(kind.newest(), now).compareTo(maxAge) > 0) {
                // Whole hours only: the message changes once an hour, not on every pass.
                stale.add(kind.name() + " from " + kind.newest() + ", "
                        + format(Duration.between(kind.newest(), now).truncatedTo(ChronoUnit.HOURS)) + " old"
                        + failed(kind));
            } else if (kind.failing()) {
                failing.add(kind.name() + ": " + (kind.failure() != null ? kind.failure()
                        : "the last run failed at " + kind.lastFailure() + ", the newest is from " + kind.newest()));
            } else {
                fresh.add(kind.describe());
            }
        }
        if (!none.isEmpty()) {
            return new Readiness<>(false, "NoBackup", "No usable backup: " + String.join("; ", none) + limit, null);
        }
        if (!stale.isEmpty()) {
            return new Readiness<>(false, "BackupTooOld", "Older than maxAge " + format(maxAge) + ": "
                    + String.join("; ", stale), null);
        }
        if (!failing.isEmpty()) {
            return new Readiness<>(false, "BackupFailing", String.join("; ", failing) + limit, null);
        }
        if (fresh.size() < kinds.size()) {
            return new Readiness<>(true, "FirstBackupPending", "Not every kind of backup has run yet; the first is due"
                    + " within maxAge " + format(maxAge) + (fresh.isEmpty() ? "" : "; " + String.join("; ", fresh)), null);
        }
        return new Readiness<>(true, "BackupFresh", String.join("; ", fresh) + limit, null);
    }

    private static String failed(Kind kind) {
        return !kind.failing() ? "" : " (" + (kind.failure() != null ? kind.failure()
                : "the last run failed at " + kind.lastFailure()) + ")";
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
