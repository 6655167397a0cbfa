package io.panstack.operator.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.runtime.OperatorSettings;
import io.panstack.operator.status.Conditions;
import io.panstack.operator.status.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * When to look at a stack's AWS resources again: AWS sends no events, so they are polled, fast while AWS is
 * creating or changing something, slowly once all is available.
 */
@ApplicationScoped
public class AwsPolling {
    /** AWS refused the request as invalid: asking again changes nothing, so only a spec change (or the resync) does. */
    static final Set<String> WAIT_FOR_SPEC_CHANGE = Set.of("AwsRequestRejected");
    /**
     * A human must change IAM or something in AWS, outside the spec: look again, slowly (a spec change is seen at
     * once). Some of these stalls list every bucket or file system of the region to find the stack's earlier ones;
     * a stalled stack must not repeat that every few seconds.
     */
    static final Set<String> WAIT_SLOWLY = Set.of("AwsAccessDenied", "AwsRegionUnknown", "AwsNameConflict",
            "EarlierFilesFound", "EarlierBucketFound", "AwsResourceOfAnotherNamespace", "AwsResourceOfAnotherStack",
            "RdsParametersUnfitForPi", "RdsParametersPendingReboot", "BucketNameTaken", "BucketInOtherRegion", "RdsInstanceNotFound",
            "EfsFileSystemNotFound", "RdsSnapshotNotFound", "RdsInstanceMissing");

    private final Duration fast;
    private final Duration slow;
    private final Duration rejectedRetry;

    @Inject
    public AwsPolling(OperatorSettings settings) {
        this(settings.aws().pollFast(), settings.aws().pollSlow(), settings.aws().rejectedRetryInterval());
    }

    AwsPolling(Duration fast, Duration slow, Duration rejectedRetry) {
        this.fast = fast;
        this.slow = slow;
        this.rejectedRetry = rejectedRetry;
    }

    /**
     * The problem AWS gave for this very spec, if it refused it less than the retry interval ago: then the AWS pass
     * is skipped, whatever event woke the reconciler (a claim, a pod), and waits for a spec change. Once the
     * interval is over it asks again, in case what was wrong was fixed outside the spec (a subnet created).
     */
    public Problem stillRejected(PanStack resource, Instant now) {
        PanStackStatus status = resource.getStatus();
        Long generation = resource.getMetadata().getGeneration();
        if (status == null || status.getConditions() == null || generation == null
                || !generation.equals(status.getObservedGeneration())) {
            return null;
        }
        return status.getConditions().stream()
                .filter(c -> Conditions.STALLED.equals(c.getType()) && Conditions.TRUE.equals(c.getStatus())
                        && WAIT_FOR_SPEC_CHANGE.contains(c.getReason()) && c.getLastTransitionTime() != null
                        && Instant.parse(c.getLastTransitionTime()).plus(rejectedRetry).isAfter(now))
                .findFirst().map(c -> new Problem(c.getReason(), c.getMessage())).orElse(null);
    }

    public Duration fast() {
        return fast;
    }

    public Duration next(CloudState cloud) {
        return cloud.settling() ? fast : slow;
    }

    /** Null: no reschedule (the periodic resync still comes). */
    public Duration afterProblem(Problem problem, Duration recheck) {
        if (WAIT_FOR_SPEC_CHANGE.contains(problem.reason())) {
            return null;
        }
        return WAIT_SLOWLY.contains(problem.reason()) ? slow : recheck;
    }
}
