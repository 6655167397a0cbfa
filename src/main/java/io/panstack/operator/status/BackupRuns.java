package io.panstack.operator.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/**
 * The outcome of backup Jobs (scheduled, on demand, before an upgrade): the newest success and the newest failure.
 * Jobs are pruned by the CronJob's history limits, so the caller keeps the newer of these and what status said.
 * Pure.
 */
public final class BackupRuns {

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
        if (job.getStatus() == null || job.getStatus().getSucceeded() == null || job.getStatus().getSucceeded() < 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(job.getStatus().getCompletionTime()).map(Instant::parse);
    }

    /** A Job that gave up: its Failed condition (back-off limit or deadline reached). */
    static Optional<Instant> failedAt(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(JobCondition::getLastTransitionTime).filter(Objects::nonNull).map(Instant::parse).findFirst();
    }

    private static Instant newest(List<Job> jobs, java.util.function.Function<Job, Optional<Instant>> time) {
        return jobs.stream().map(time).flatMap(Optional::stream).max(Instant::compareTo).orElse(null);
    }
}
