package io.panstack.operator.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.aws.AwsServicesFactory;
import io.panstack.operator.backup.BackupCronJobs;
import io.panstack.operator.backup.InPlaceRestores;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.cloud.AwsPolling;
import io.panstack.operator.database.MariaDbStatefulSet;
import io.panstack.operator.kube.Failures;
import io.panstack.operator.kube.JobServiceAccountDependent;
import io.panstack.operator.hibernation.Hibernation;
import io.panstack.operator.kube.StackEvents;
import io.panstack.operator.metrics.StackMetrics;
import io.panstack.operator.network.StackNetworkPolicies;
import io.panstack.operator.pass.CharFingerprint;
import io.panstack.operator.pass.DesiredStamp;
import io.panstack.operator.pass.LeanInformers;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.pass.WrittenChildren;
import io.panstack.operator.runtime.OperatorSettings;
import io.panstack.operator.stack.JobImages;
import io.panstack.operator.stack.SharedNamespaces;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.workloads.ComponentAutoscalers;
import io.panstack.operator.workloads.ComponentDeployments;
import io.panstack.operator.workloads.DashboardDisruptionBudgetDependent;
import io.panstack.operator.workloads.DashboardIngressDependent;
import io.panstack.operator.workloads.StackServices;

/**
 * Reconciles a PanStack as an ordered list of steps:
 * <ol>
 * <li>{@link StackPasses}: the spec checks, the data objects (never deleted), the AWS pass, then database readiness,
 * the upgrade gate and the restore, into one {@link Pass};</li>
 * <li>the workflow of stateless children, each built from the Pass by its capability (workloads, database, backup);</li>
 * <li>a backup asked for on demand;</li>
 * <li>status, through {@link StatusWrite}, written only when it changed.</li>
 * </ol>
 * A recheck of a converging stack that finds the caches as the last full reconcile did ends before the first step
 * ({@link QuietRecheck}). A problem found on the way stalls the stack before anything after it is changed; running
 * workloads are left as they are. Failures (including throttled or failed AWS calls) are retried with back-off
 * without limit, so a stack is never left stuck after N attempts. Deletion goes through a finalizer
 * ({@link StackRelease}), which releases the AWS resources per deletionPolicy before the PanStack goes.
 */
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(type = JobServiceAccountDependent.class),
        @Dependent(type = MariaDbStatefulSet.class, reconcilePrecondition = MariaDbStatefulSet.InCluster.class),
        @Dependent(type = StackServices.class),
        @Dependent(type = StackNetworkPolicies.class),
        @Dependent(type = ComponentDeployments.class),
        @Dependent(type = ComponentAutoscalers.class),
        @Dependent(type = DashboardIngressDependent.class, reconcilePrecondition = DashboardIngressDependent.Wanted.class),
        @Dependent(type = DashboardDisruptionBudgetDependent.class,
                reconcilePrecondition = DashboardDisruptionBudgetDependent.Wanted.class),
        @Dependent(type = BackupCronJobs.class) })
// Spec changes, deletion, and the backup-now annotation wake the reconciler; its own status writes do not.
@ControllerConfiguration(name = PanStackReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = WorthReconciling.class, informerListLimit = LeanInformers.LIST_PAGE),
        maxReconciliationInterval = @MaxReconciliationInterval(interval = PanStackReconciler.RESYNC_MINUTES,
                timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 2_000L, intervalMultiplier = 2.0, maxInterval = 300_000L)
public class PanStackReconciler implements Reconciler<PanStack>, Cleaner<PanStack> {
    public static final String NAME = "panstack";
    /** Every stack is reconciled in full at least this often (configurable; see prepareEventSources). */
    static final int RESYNC_MINUTES = 10;
    private static final Logger LOG = Logger.getLogger(PanStackReconciler.class);
    /** How often a stalled stack looks again at the Secrets it refers to (they are not watched). */
    private final Duration recheck;
    private final ConvergingRecheck convergingRecheck;
    private final Clock clock;
    private final AwsPolling polling;
    private final StackMetrics metrics;
    private final JobImages images;
    private final SharedNamespaces shared;
    private final StackPasses passes;
    private final StatusWrite status;
    private final StackRelease release;
    /** Made with the event sources, whose kinds it reads. */
    private volatile QuietRecheck quietRechecks = QuietRecheck.NEVER;
    /** Whether the workflow would write nothing; made with the event sources too. */
    private volatile WrittenChildren writtenChildren = new WrittenChildren(List.of());

    public PanStackReconciler(OperatorSettings settings, AwsServicesFactory aws, AwsPolling polling, StackMetrics metrics) {
        this.clock = Clock.systemUTC();
        this.recheck = settings.stalledRecheckInterval();
        this.convergingRecheck = new ConvergingRecheck(settings.convergingRecheckInterval());
        this.polling = polling;
        this.metrics = metrics;
        this.images = new JobImages(settings.images().awsCli(), settings.images().dump(),
                settings.images().dumpFollowsEngine());
        this.shared = settings.tenancy().sharedNamespaces().map(SharedNamespaces::of).orElse(SharedNamespaces.NONE);
        this.passes = new StackPasses(recheck, aws, polling, clock);
        this.status = new StatusWrite(clock, metrics);
        this.release = new StackRelease(aws, polling, status);
    }

    @Override
    public UpdateControl<PanStack> reconcile(PanStack resource, Context<PanStack> context) {
        if (resource.getSpec() == null) {
            // The CRD requires spec; nothing sensible can be done with an object that got around it.
            LOG.warnf("PanStack %s/%s has no spec; ignored", resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName());
            return UpdateControl.noUpdate();
        }
        Instant startedAt = clock.instant();
        Duration recheckDue = convergingRecheck.after(resource.getStatus(), startedAt);
        // Only a stack converging when this reconcile starts can be quiet, now or at its next recheck.
        CharFingerprint.Print seen = recheckDue == null ? null : quietRechecks.fingerprint(resource, context);
        Optional<Duration> quiet = quietRechecks.delayIfNothingNew(resource, seen, recheckDue, startedAt,
                context.getRetryInfo().isPresent());
        if (quiet.isPresent()) {
            metrics.quietRecheck();
            return UpdateControl.<PanStack>noUpdate().rescheduleAfter(quiet.get());
        }
        Stack stack = Stack.of(resource, images, shared);
        Hibernation.Decision sleep = Hibernation.of(stack, context, clock.instant());
        Found found = passes.find(stack.withSleep(sleep.sleep()), context);
        // Recorded at once, so that a failure further on still reports what this pass found (AWS included).
        Pass pass = StackPasses.observedOnly(found.stack(), found.cloud(), context);
        pass.putInto(context);
        Backups.OnDemand started = Backups.OnDemand.NONE;
        boolean housekeepingDone = true;
        if (found.problem() == null) {
            pass = StackPasses.carryOut(found, context);
            if (found.stack().sleep().piStopped() && !pass.stack().sleep().piStopped()) {
                // Woken: before this pass is recorded, so that a failure here leaves the stack Waking and it is tried
                // again (the Job's name makes it once).
                String caughtUp = Backups.catchUpAfterSleep(pass.stack(), Backups.target(pass.cloud()), context,
                        clock.instant());
                if (caughtUp != null) {
                    StackEvents.normal(context.getClient(), resource, "BackupAfterSleep",
                            "A scheduled backup fell due while the stack slept: taken now, on waking");
                }
            }
            InPlaceRestores.Plan restores = RestoreWrites.plan(pass, context, clock.instant());
            pass = pass.stoppingRepository(restores.stopPi(), restores.hold());
            pass.putInto(context);
            Optional<CharFingerprint.Print> builtFrom = WrittenChildren.of(pass);
            CharFingerprint.Print children = writtenChildren.children(context);
            if (!writtenChildren.nothingToWrite(resource, builtFrom, children)) {
                context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
                writtenChildren.ran(resource, builtFrom, children, writtenChildren.children(context));
            }
            // A backup asked for while the stack sleeps waits for it to wake (the annotation stays pending).
            Housekeeping onDemand = new Housekeeping("the backup or verification asked for of " + stack.namespace()
                    + "/" + stack.name() + " (the annotation stays pending)");
            Pass awake = pass;
            started = pass.stack().sleep().piStopped() ? Backups.OnDemand.NONE
                    : onDemand.attempt("start it", () -> Backups.startRequested(found.stack(),
                            Backups.target(awake.cloud()), context)).orElse(Backups.OnDemand.NONE);
            housekeepingDone = onDemand.allDone()
                    & BackupRecordWrites.apply(pass, context, clock.instant(), passes::deleteBackup)
                    & RestoreWrites.apply(restores, pass, context);
        }
        if (found.unreachable() != null) {
            // The pass ran on what AWS last showed; AWS is asked again with JOSDK's back-off, and the status says
            // why (updateErrorStatus, from this pass).
            throw found.unreachable();
        }
        UpdateControl<PanStack> control = status.of(resource, pass, context, found.problem(), null, started)
                .map(UpdateControl::patchStatus).orElseGet(UpdateControl::noUpdate);
        Duration other = found.problem() != null ? polling.afterProblem(found.problem(), recheck)
                : (pass.hold() != null && pass.hold().retrySoon()) || !housekeepingDone ? recheck
                : found.cloud() != null ? polling.next(found.cloud())
                : null;
        Duration untilSleepChanges = sleep.nextChange() == null ? null
                : Duration.between(clock.instant(), sleep.nextChange()).plusSeconds(1);
        if (untilSleepChanges != null) {
            other = shorter(other, untilSleepChanges.isNegative() ? Duration.ofSeconds(1) : untilSleepChanges);
        }
        Duration converging = convergingRecheck.after(
                control.getResource().map(PanStack::getStatus).orElse(resource.getStatus()), clock.instant());
        boolean mayBeQuiet = found.problem() == null && found.cloud() == null
                && QuietRecheck.waitsOnCachesOnly(pass, context, startedAt);
        quietRechecks.ended(resource, seen, startedAt, mayBeQuiet ? converging : null, other);
        Duration next = shorter(other, converging);
        return next == null ? control : control.rescheduleAfter(next);
    }

    private static Duration shorter(Duration one, Duration other) {
        return one == null ? other : other == null || one.compareTo(other) <= 0 ? one : other;
    }

    /** The finalizer: the AWS resources released per deletionPolicy (see StackRelease) before the PanStack goes. */
    @Override
    public DeleteControl cleanup(PanStack resource, Context<PanStack> context) {
        passes.forget(resource);
        quietRechecks.forget(resource);
        writtenChildren.forget(resource);
        DesiredStamp.forgetChildrenOf(resource);
        DeleteControl control = release.release(resource, context);
        if (control.isRemoveFinalizer()) {
            // Only once it is gone: a deletion AWS keeps refusing stays visible until then.
            metrics.remove(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<PanStack> updateErrorStatus(PanStack resource, Context<PanStack> context,
            Exception e) {
        if (resource.getSpec() == null) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        Pass pass = Pass.find(context)
                .orElseGet(() -> StackPasses.observedOnly(Stack.of(resource, images, shared), null, context));
        return status.of(resource, pass, context, null, Failures.describe(e), Backups.OnDemand.NONE)
                .map(ErrorStatusUpdateControl::patchStatus)
                .orElseGet(ErrorStatusUpdateControl::defaultErrorProcessing);
    }

    @Override
    public List<EventSource<?, PanStack>> prepareEventSources(EventSourceContext<PanStack> context) {
        List<EventSource<?, PanStack>> sources = StackEventSources.of(context);
        // Every kind watched: these, and the workflow's (its dependents make their own informers).
        Duration resync = context.getControllerConfiguration().maxReconciliationInterval()
                .orElse(Duration.ofMinutes(RESYNC_MINUTES));
        Workflow workflow = PanStackReconciler.class.getAnnotation(Workflow.class);
        quietRechecks = new QuietRecheck(resync,
                QuietRecheck.watchedBy(workflow, sources.stream().map(QuietRecheck::kindOf).toList()));
        writtenChildren = new WrittenChildren(QuietRecheck.watchedBy(workflow, List.of()));
        return sources;
    }
}
