package io.panstack.operator.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.kube.JobOutcome;

/**
 * The outcome of backup Jobs (scheduled, on demand, before an upgrade): the newest success and the newest failure.
 * Jobs are pruned by the CronJob's history limits, so the caller keeps the newer of these and what status said.
 * Pure.
 */
final class BackupRuns {

    private BackupRuns() {
    }

    public record Outcome(Instant lastSuccess, Instant lastFailure) {
    }

    public static Outcome of(List<Job> jobs) {
        return new Outcome(newest(jobs, BackupRuns::succeededAt), newest(jobs, BackupRuns::failedAt));
    }

    /** The later of two times, either may be null. */
    public static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static Optional<Instant> succeededAt(Job job) {
        JobOutcome outcome = JobOutcome.of(job);
        return outcome.succeeded() ? Optional.ofNullable(outcome.at()) : Optional.empty();
    }

    /** A Job that gave up (back-off limit or deadline reached); retries still to come are no failure yet. */
    static Optional<Instant> failedAt(Job job) {
        JobOutcome outcome = JobOutcome.of(job);
        return outcome.failed() ? Optional.ofNullable(outcome.at()) : Optional.empty();
    }

    private static Instant newest(List<Job> jobs, java.util.function.Function<Job, Optional<Instant>> time) {
        return jobs.stream().map(time).flatMap(Optional::stream).max(Instant::compareTo).orElse(null);
    }
}
