package io.panstack.operator.kube;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

/**
 * How a Job stands, one definition for every Job the operator starts (backups, the safety backup of an upgrade, the
 * restore, the files seeding). Pure.
 * <ul>
 * <li>succeeded: Kubernetes recorded its completion (completion time, or the Complete condition);</li>
 * <li>failed: the Failed condition (back-off limit or deadline reached), or more failed pods than the back-off
 * limit allows, for API servers that report no condition;</li>
 * <li>running otherwise (retries left included).</li>
 * </ul>
 *
 * @param at when it succeeded or failed (the condition's time or the completion time); null while running
 */
public record JobOutcome(State state, Instant at) {
    /** Kubernetes' back-off limit when a Job sets none. */
    static final int DEFAULT_BACKOFF_LIMIT = 6;

    public enum State {
        RUNNING, SUCCEEDED, FAILED
    }

    public static JobOutcome of(Job job) {
        JobStatus status = job.getStatus();
        if (status == null) {
            return new JobOutcome(State.RUNNING, null);
        }
        // Done once Kubernetes says so (completion time, Complete condition), not at the first succeeded pod: until
        // then its time is unknown, and a time that changes would rewrite status twice for one run.
        Optional<Instant> completed = status.getCompletionTime() != null
                ? Optional.of(Instant.parse(status.getCompletionTime()))
                : condition(status, "Complete").map(JobCondition::getLastTransitionTime).filter(Objects::nonNull)
                        .map(Instant::parse);
        if (completed.isPresent()) {
            return new JobOutcome(State.SUCCEEDED, completed.get());
        }
        Optional<JobCondition> failed = condition(status, "Failed");
        Integer limit = job.getSpec() == null ? null : job.getSpec().getBackoffLimit();
        if (failed.isPresent() || orZero(status.getFailed()) > (limit == null ? DEFAULT_BACKOFF_LIMIT : limit)) {
            return new JobOutcome(State.FAILED, failed.map(JobCondition::getLastTransitionTime).filter(Objects::nonNull)
                    .map(Instant::parse).orElse(created(job)));
        }
        return new JobOutcome(State.RUNNING, null);
    }

    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    private static Optional<JobCondition> condition(JobStatus status, String type) {
        List<JobCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        return conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static Instant created(Job job) {
        String created = job.getMetadata() == null ? null : job.getMetadata().getCreationTimestamp();
        return created == null ? null : Instant.parse(created);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
