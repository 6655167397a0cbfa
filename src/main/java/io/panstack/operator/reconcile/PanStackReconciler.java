package io.panstack.operator.reconcile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
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
import io.panstack.operator.reconcile.dependent.ComponentDeployments;
import io.panstack.operator.reconcile.dependent.DashboardDisruptionBudgetDependent;
import io.panstack.operator.reconcile.dependent.DashboardIngressDependent;
import io.panstack.operator.reconcile.dependent.MariaDbStatefulSet;
import io.panstack.operator.reconcile.dependent.Preconditions;
import io.panstack.operator.reconcile.dependent.StackServices;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.status.Observation;
import io.panstack.operator.status.Problem;
import io.panstack.operator.status.StatusAggregator;

/**
 * Reconciles a PanStack: validate, then the data objects, then the workflow of stateless children, then status.
 * A problem found by validation stalls the stack before anything is changed; running workloads are left as they
 * are. Failures are retried with back-off without limit, so a stack is never left stuck after N attempts.
 */
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(type = MariaDbStatefulSet.class, reconcilePrecondition = Preconditions.InClusterDatabase.class),
        @Dependent(type = StackServices.class),
        @Dependent(type = ComponentDeployments.class),
        @Dependent(type = DashboardIngressDependent.class, reconcilePrecondition = Preconditions.IngressWanted.class),
        @Dependent(type = DashboardDisruptionBudgetDependent.class,
                reconcilePrecondition = Preconditions.DisruptionBudgetWanted.class) })
@ControllerConfiguration(name = PanStackReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 2_000L, intervalMultiplier = 2.0, maxInterval = 300_000L)
public class PanStackReconciler implements Reconciler<PanStack> {
    public static final String NAME = "panstack";
    private static final Logger LOG = Logger.getLogger(PanStackReconciler.class);
    private final SpecValidator validator;
    private final PersistentData data = new PersistentData(new SecureRandom());
    private final Clock clock = Clock.systemUTC();
    /** How often a stalled stack looks again at the Secrets it refers to (they are not watched). */
    private final Duration recheck;

    public PanStackReconciler(@ConfigProperty(name = "panstack.stalled-recheck-interval", defaultValue = "30s") Duration recheck) {
        this.recheck = recheck;
        this.validator = new SpecValidator(recheck);
    }

    @Override
    public UpdateControl<PanStack> reconcile(PanStack resource, Context<PanStack> context) {
        if (resource.getSpec() == null) {
            // The CRD requires spec; nothing sensible can be done with an object that got around it.
            LOG.warnf("PanStack %s/%s has no spec; ignored", resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName());
            return UpdateControl.noUpdate();
        }
        Problem problem = plan(Stack.of(resource), context);
        if (problem == null) {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        PanStackStatus status = status(resource, context, problem, null);
        UpdateControl<PanStack> control = status.equals(resource.getStatus())
                ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(withOnlyStatus(resource, status));
        return problem == null ? control : control.rescheduleAfter(recheck);
    }

    /** Validates, then brings the data objects in line; the first problem stops everything that follows. */
    private Problem plan(Stack stack, Context<PanStack> context) {
        Problem problem = validator.validate(stack, context);
        return problem != null ? problem : data.reconcile(stack, context);
    }

    @Override
    public ErrorStatusUpdateControl<PanStack> updateErrorStatus(PanStack resource, Context<PanStack> context,
            Exception e) {
        if (resource.getSpec() == null) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        PanStackStatus status = status(resource, context, null, Failures.describe(e));
        return status.equals(resource.getStatus())
                ? ErrorStatusUpdateControl.defaultErrorProcessing()
                : ErrorStatusUpdateControl.patchStatus(withOnlyStatus(resource, status));
    }

    @Override
    public List<EventSource<?, PanStack>> prepareEventSources(EventSourceContext<PanStack> context) {
        // Pods (for problems to report), claims and Secrets (the data objects): only those the operator labelled.
        return List.of(labelled(Pod.class, context), labelled(PersistentVolumeClaim.class, context),
                labelled(Secret.class, context));
    }

    private PanStackStatus status(PanStack resource, Context<PanStack> context, Problem problem, String error) {
        Observation seen = StackObserver.observe(Stack.of(resource), context, problem, error);
        return StatusAggregator.aggregate(seen, resource.getStatus(), clock.instant());
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
