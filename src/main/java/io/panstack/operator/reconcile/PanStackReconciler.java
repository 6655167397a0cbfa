package io.panstack.operator.reconcile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.aws.AwsServicesFactory;
import io.panstack.operator.backup.BackupCronJobDependent;
import io.panstack.operator.backup.Backups;
import io.panstack.operator.backup.RepositoryRestore;
import io.panstack.operator.backup.UpgradeGate;
import io.panstack.operator.cloud.AwsPolling;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.database.DatabaseReadiness;
import io.panstack.operator.database.MariaDbStatefulSet;
import io.panstack.operator.kube.Failures;
import io.panstack.operator.kube.StackOwnership;
import io.panstack.operator.metrics.StackMetrics;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.runtime.OperatorSettings;
import io.panstack.operator.stack.JobImages;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Observation;
import io.panstack.operator.status.Problem;
import io.panstack.operator.status.StatusAggregator;
import io.panstack.operator.workloads.ComponentDeployments;
import io.panstack.operator.workloads.DashboardDisruptionBudgetDependent;
import io.panstack.operator.workloads.DashboardIngressDependent;
import io.panstack.operator.workloads.StackServices;

/**
 * Reconciles a PanStack, in this order:
 * <ol>
 * <li>{@link SpecValidator}: what the schema cannot check (referenced Secrets, mode changes);</li>
 * <li>{@link PersistentData}: the claims and credentials, never deleted;</li>
 * <li>{@link AwsPass}: RDS, EFS and S3, and what hangs on them (EFS PersistentVolume, files seeding);</li>
 * <li>the {@link Pass} of this reconcile: database readiness, then {@link UpgradeGate} and {@link RepositoryRestore},
 * which may hold the release or the repository back;</li>
 * <li>the workflow of stateless children (dependents read the Pass), then a backup asked for on demand;</li>
 * <li>status, from {@link StackObserver} and the pure {@code StatusAggregator}, written only when it changed.</li>
 * </ol>
 * A problem found on the way stalls the stack before anything after it is changed; running workloads are left as
 * they are. Failures (including throttled or failed AWS calls) are retried with back-off without limit, so a stack is
 * never left stuck after N attempts. Deletion goes through a finalizer ({@link StackRelease}), which releases the AWS
 * resources per deletionPolicy before the PanStack goes.
 */
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(type = MariaDbStatefulSet.class, reconcilePrecondition = MariaDbStatefulSet.InCluster.class),
        @Dependent(type = StackServices.class),
        @Dependent(type = ComponentDeployments.class),
        @Dependent(type = DashboardIngressDependent.class, reconcilePrecondition = DashboardIngressDependent.Wanted.class),
        @Dependent(type = DashboardDisruptionBudgetDependent.class,
                reconcilePrecondition = DashboardDisruptionBudgetDependent.Wanted.class),
        @Dependent(type = BackupCronJobDependent.class, reconcilePrecondition = BackupCronJobDependent.Wanted.class) })
// Spec changes, deletion, and the backup-now annotation wake the reconciler; its own status writes do not.
@ControllerConfiguration(name = PanStackReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = WorthReconciling.class),
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 2_000L, intervalMultiplier = 2.0, maxInterval = 300_000L)
public class PanStackReconciler implements Reconciler<PanStack>, Cleaner<PanStack> {
    public static final String NAME = "panstack";
    private static final Logger LOG = Logger.getLogger(PanStackReconciler.class);
    private final SpecValidator validator;
    private final SecureRandom random = new SecureRandom();
    private final PersistentData data = new PersistentData(random);
    private final Clock clock = Clock.systemUTC();
    /** How often a stalled stack looks again at the Secrets it refers to (they are not watched). */
    private final Duration recheck;
    private final AwsPolling polling;
    private final StackMetrics metrics;
    private final JobImages images;
    private final AwsPass awsPass;
    private final StackRelease release;

    public PanStackReconciler(OperatorSettings settings, AwsServicesFactory aws, AwsPolling polling, StackMetrics metrics) {
        this.metrics = metrics;
        this.recheck = settings.stalledRecheckInterval();
        this.images = new JobImages(settings.images().awsCli(), settings.images().dump(),
                settings.images().dumpFollowsEngine());
        this.validator = new SpecValidator(recheck);
        this.polling = polling;
        this.awsPass = new AwsPass(aws, polling, random, clock);
        this.release = new StackRelease(aws, polling, clock);
    }

    @Override
    public UpdateControl<PanStack> reconcile(PanStack resource, Context<PanStack> context) {
        if (resource.getSpec() == null) {
            // The CRD requires spec; nothing sensible can be done with an object that got around it.
            LOG.warnf("PanStack %s/%s has no spec; ignored", resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName());
            return UpdateControl.noUpdate();
        }
        Found found = plan(Stack.of(resource, images), context);
        // Recorded at once, so that a failure further on still reports what this pass found (AWS included).
        Pass pass = observedOnly(found.stack(), found.cloud(), context);
        pass.putInto(context);
        String backupStarted = null;
        if (found.problem() == null) {
            pass = carryOut(found, context);
            pass.putInto(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            backupStarted = Backups.startRequested(found.stack(), Backups.target(pass.cloud()), context);
        }
        PanStackStatus status = status(resource, pass, context, found.problem(), null, backupStarted);
        UpdateControl<PanStack> control = status.equals(resource.getStatus())
                ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(withOnlyStatus(resource, status));
        Duration next = found.problem() != null ? polling.afterProblem(found.problem(), recheck)
                : pass.hold() != null && pass.hold().retrySoon() ? recheck
                : found.cloud() != null ? polling.next(found.cloud())
                : null;
        return next == null ? control : control.rescheduleAfter(next);
    }

    /**
     * The pass of a stack that can be carried out: its database readiness once, then the upgrade gate (which may
     * hold the release back) and the restore (which may hold the repository back), in that order.
     */
    private Pass carryOut(Found found, Context<PanStack> context) {
        boolean databaseReady = DatabaseReadiness.isReady(found.stack(), found.cloud(), context);
        UpgradeGate.Decision upgrade = UpgradeGate.decide(found.stack(), context, found.cloud());
        RepositoryRestore.Outcome restore = RepositoryRestore.reconcile(upgrade.stack(), databaseReady, found.cloud(),
                context);
        return new Pass(upgrade.stack(), found.cloud(), databaseReady, restore.hold() != null,
                restore.restoredAt(), restore.hold() != null ? restore.hold() : upgrade.hold());
    }

    /** The pass of a stack that is only observed (stalled, or the reconcile failed before its pass was recorded). */
    private static Pass observedOnly(Stack stack, CloudState cloud, Context<PanStack> context) {
        return new Pass(stack, cloud, DatabaseReadiness.isReady(stack, cloud, context), false,
                RepositoryRestore.recordedAt(stack), null);
    }

    /** Validates, then the data objects, then AWS; the first problem stops everything that follows. */
    private Found plan(Stack stack, Context<PanStack> context) {
        Problem problem = validator.validate(stack, context);
        if (problem == null) {
            problem = data.reconcile(stack, context);
        }
        if (problem == null && stack.spec().usesAws()) {
            problem = polling.stillRejected(stack.resource(), clock.instant());
        }
        if (problem != null || !stack.spec().usesAws()) {
            return new Found(problem, stack, null);
        }
        if (!stack.resource().hasFinalizer(context.getControllerConfiguration().getFinalizerName())) {
            // JOSDK adds the finalizer before the first reconcile; this keeps every AWS create behind it regardless.
            return new Found(null, stack, null);
        }
        return awsPass.run(stack, context);
    }


    /** The finalizer: the AWS resources released per deletionPolicy (see StackRelease) before the PanStack goes. */
    @Override
    public DeleteControl cleanup(PanStack resource, Context<PanStack> context) {
        awsPass.forget(resource);
        metrics.remove(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
        return release.release(resource, context);
    }

    @Override
    public ErrorStatusUpdateControl<PanStack> updateErrorStatus(PanStack resource, Context<PanStack> context,
            Exception e) {
        if (resource.getSpec() == null) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        Pass pass = Pass.find(context).orElseGet(() -> observedOnly(Stack.of(resource, images), null, context));
        PanStackStatus status = status(resource, pass, context, null, Failures.describe(e), null);
        return status.equals(resource.getStatus())
                ? ErrorStatusUpdateControl.defaultErrorProcessing()
                : ErrorStatusUpdateControl.patchStatus(withOnlyStatus(resource, status));
    }

    @Override
    public List<EventSource<?, PanStack>> prepareEventSources(EventSourceContext<PanStack> context) {
        // Pods (for problems to report), claims and Secrets (the data objects), the files-seeding Job: only those
        // the operator labelled.
        return List.of(labelled(Pod.class, context), labelled(PersistentVolumeClaim.class, context),
                labelled(Secret.class, context), labelled(Job.class, context));
    }

    private PanStackStatus status(PanStack resource, Pass pass, Context<PanStack> context, Problem problem,
            String error, String backupStarted) {
        Instant now = clock.instant();
        Observation seen = StackObserver.observe(pass, context, problem, error, backupStarted, now);
        PanStackStatus status = StatusAggregator.aggregate(seen, resource.getStatus(), now);
        StatusEvents.announce(context.getClient(), resource, resource.getStatus(), status);
        metrics.update(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                StackMetrics.figuresOf(resource.getSpec(), status));
        return status;
    }

    /**
     * The status patch carries only name, namespace and status: with server-side apply, a copy of the cached object
     * would also claim its other fields.
     */
    static PanStack withOnlyStatus(PanStack resource, PanStackStatus status) {
        PanStack patch = new PanStack();
        patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        return patch;
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> InformerEventSource<R, PanStack> labelled(
            Class<R> type, EventSourceContext<PanStack> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, PanStack.class)
                .withName(type.getSimpleName())
                .withLabelSelector(StackLabels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(StackOwnership::primaryOf)
                .build(), context);
    }
}
