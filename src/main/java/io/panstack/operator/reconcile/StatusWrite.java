package io.panstack.operator.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.cloud.RestorableTimeShown;
import io.panstack.operator.metrics.StackMetrics;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.status.Observation;
import io.panstack.operator.status.Problem;
import io.panstack.operator.status.StatusAggregator;

/**
 * The one way status is made and written: observed ({@link StackObserver}), aggregated (the pure
 * {@link StatusAggregator}), announced as Events and metrics, and patched only when it changed. The patch carries
 * only name, namespace and status: with server-side apply, a copy of the cached object would also claim its other
 * fields.
 */
final class StatusWrite {
    private final Clock clock;
    private final StackMetrics metrics;

    StatusWrite(Clock clock, StackMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The status of this pass, as a patch; empty when it did not change.
     *
     * @param problem       what stalls the stack, or null
     * @param error         the failure of this reconcile, or null
     * @param started       the panstack.io/backup-now and verify-now requests this reconcile started a Job for
     */
    Optional<PanStack> of(PanStack resource, Pass pass, Context<PanStack> context, Problem problem, String error,
            Backups.OnDemand started) {
        Instant now = clock.instant();
        Observation seen = StackObserver.observe(pass, context, problem, error, started, now);
        PanStackStatus status = StatusAggregator.aggregate(seen, resource.getStatus(), now);
        StatusEvents.announce(context.getClient(), resource, resource.getStatus(), status);
        metrics.update(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                StackMetrics.figuresOf(resource.getSpec(), status, liveRestorableTime(pass)));
        return changed(resource, status);
    }

    /** The RDS latest restorable time read in this pass; status shows it only hourly ({@link RestorableTimeShown}). */
    private static Instant liveRestorableTime(Pass pass) {
        return pass.cloud() == null || pass.cloud().database() == null ? null
                : pass.cloud().database().latestRestorableTime();
    }

    /** The status of a PanStack the finalizer is releasing (phase Deleting), as a patch; empty when unchanged. */
    Optional<PanStack> deleting(PanStack resource, String message) {
        long generation = resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
        return changed(resource, StatusAggregator.deleting(resource.getStatus(), message, generation, clock.instant()));
    }

    private static Optional<PanStack> changed(PanStack resource, PanStackStatus status) {
        if (status.equals(resource.getStatus())) {
            return Optional.empty();
        }
        PanStack patch = new PanStack();
        patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        return Optional.of(patch);
    }
}
