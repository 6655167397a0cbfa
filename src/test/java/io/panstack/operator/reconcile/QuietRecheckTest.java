package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.panstack.operator.api.v1alpha1.HibernationStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.backup.BackupRecords;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.pass.CharFingerprint;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Hold;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/**
 * A converging recheck ends at once only when the caches hold exactly what the last full reconcile started from and
 * that one ended with nothing but a recheck due; everything else gets a full reconcile.
 */
@Tag(Tiers.UNIT)
class QuietRecheckTest {
    static final Duration RESYNC = Duration.ofMinutes(10);
    static final Duration RECHECK = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    final Map<Class<?>, Set<HasMetadata>> cache = new LinkedHashMap<>();
    final QuietRecheck quiet = new QuietRecheck(RESYNC, List.of(Deployment.class, Pod.class));
    final PanStack stack = stack("41");

    static PanStack stack(String resourceVersion) {
        PanStack stack = new PanStack();
        stack.setMetadata(new ObjectMetaBuilder().withName("bi").withNamespace("analytics").withUid("stack-uid")
                .withResourceVersion(resourceVersion).build());
        return stack;
    }

    @SuppressWarnings("unchecked")
    Context<PanStack> context() {
        return (Context<PanStack>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Context.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getSecondaryResources")) {
                        return new HashSet<>(cache.getOrDefault(args[0], Set.of()));
                    }
                    if (method.getName().equals("getSecondaryResourcesAsStream")) {
                        return new HashSet<>(cache.getOrDefault(args[0], Set.of())).stream();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    void put(HasMetadata object) {
        Set<HasMetadata> kind = cache.computeIfAbsent(object.getClass(), k -> new HashSet<>());
        kind.removeIf(o -> o.getMetadata().getName().equals(object.getMetadata().getName()));
        kind.add(object);
    }

    static Deployment deployment(String name, String resourceVersion) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withUid(name + "-uid")
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    /** A full reconcile that started at T0 from what the cache holds now, and ended with only a recheck due. */
    CharFingerprint.Print fullReconcileEndedQuietly(PanStack of) {
        CharFingerprint.Print seen = quiet.fingerprint(of, context());
        assertThat(quiet.delayIfNothingNew(of, seen, RECHECK, T0, false)).as("nothing recorded yet: a full one").isEmpty();
        quiet.ended(of, seen, T0, RECHECK, null);
        return seen;
    }

    @Test
    void aRecheckThatFindsTheCachesAsTheLastReconcileStartedEndsAtOnce() {
        put(deployment("bi-dashboard", "100"));
        put(deployment("bi-renderer", "101"));
        fullReconcileEndedQuietly(stack);

        Instant later = T0.plusSeconds(30);
        assertThat(quiet.delayIfNothingNew(stack, quiet.fingerprint(stack, context()), Duration.ofSeconds(45), later, false))
                .contains(Duration.ofSeconds(45));
        assertThat(quiet.delayIfNothingNew(stack, quiet.fingerprint(stack, context()), Duration.ofSeconds(60), later.plusSeconds(45),
                false)).as("and the next one").contains(Duration.ofSeconds(60));
    }

    /** The event that never came changed the cache: a child's status, a new pod, a child gone, the stack itself. */
    @Test
    void anyChangeInTheCachesGetsAFullReconcile() {
        put(deployment("bi-dashboard", "100"));
        fullReconcileEndedQuietly(stack);
        put(deployment("bi-dashboard", "102"));
        assertThat(quiet.delayIfNothingNew(stack, quiet.fingerprint(stack, context()), RECHECK, T0.plusSeconds(30), false))
                .as("a child's new resource version").isEmpty();

        fullReconcileEndedQuietly(stack);
        put(new PodBuilder().withNewMetadata().withName("bi-dashboard-x1").withUid("pod").withResourceVersion("103")
                .endMetadata().build());
        assertThat(quiet.delayIfNothingNew(stack, quiet.fingerprint(stack, context()), RECHECK, T0.plusSeconds(30), false))
                .as("a new object of another watched kind").isEmpty();

        fullReconcileEndedQuietly(stack);
        cache.get(Pod.class).clear();
        assertThat(quiet.delayIfNothingNew(stack, quiet.fingerprint(stack, context()), RECHECK, T0.plusSeconds(30), false))
                .as("an object gone").isEmpty();

        fullReconcileEndedQuietly(stack);
        PanStack respecified = stack("42");
        respecified.getMetadata().setGeneration(2L);
        assertThat(quiet.delayIfNothingNew(respecified, quiet.fingerprint(respecified, context()), RECHECK,
                T0.plusSeconds(30), false)).as("the stack's spec").isEmpty();

        fullReconcileEndedQuietly(stack);
        PanStack annotated = stack("43");
        annotated.getMetadata().setAnnotations(Map.of("panstack.io/backup-now", "1"));
        assertThat(quiet.delayIfNothingNew(annotated, quiet.fingerprint(annotated, context()), RECHECK,
                T0.plusSeconds(30), false)).as("the stack's annotations").isEmpty();

        fullReconcileEndedQuietly(stack);
        PanStack statusWritten = stack("44");
        assertThat(quiet.delayIfNothingNew(statusWritten, quiet.fingerprint(statusWritten, context()), RECHECK,
                T0.plusSeconds(30), false)).as("only its status written (by the operator): no change").isPresent();
        quiet.forget(stack);

        fullReconcileEndedQuietly(stack);
        put(deployment("bi-dashboard", "102"));
        cache.get(Deployment.class).clear();
        put(new DeploymentBuilder(deployment("bi-dashboard", "102")).editMetadata().withUid("made-again")
                .endMetadata().build());
        assertThat(quiet.delayIfNothingNew(stack, quiet.fingerprint(stack, context()), RECHECK, T0.plusSeconds(30), false))
                .as("the same name and version, another object").isEmpty();
    }

    @Test
    void aRetryAnotherTimerOrTheResyncGetsAFullReconcile() {
        put(deployment("bi-dashboard", "100"));
        CharFingerprint.Print seen = fullReconcileEndedQuietly(stack);
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(30), true)).as("a retry").isEmpty();
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(60), false))
                .as("and the one after it, until a full one has ended again").isEmpty();

        fullReconcileEndedQuietly(stack);
        assertThat(quiet.delayIfNothingNew(stack, seen, null, T0.plusSeconds(30), false)).as("no longer converging").isEmpty();

        fullReconcileEndedQuietly(stack);
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plus(RESYNC), false)).as("the resync is due").isEmpty();

        fullReconcileEndedQuietly(stack);
        Duration left = quiet.delayIfNothingNew(stack, seen, Duration.ofMinutes(5), T0.plus(RESYNC).minusSeconds(100), false)
                .orElseThrow();
        assertThat(left).as("the next recheck comes no later than the resync").isEqualTo(Duration.ofSeconds(100));

        quiet.ended(stack, seen, T0, RECHECK, Duration.ofSeconds(20));
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(30), false))
                .as("another timer (an AWS poll) came first: it is not a recheck").isEmpty();

        quiet.ended(stack, seen, T0, RECHECK, Duration.ofSeconds(50));
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(30), false))
                .as("the recheck came first, and the next one no later than the other timer")
                .contains(Duration.ofSeconds(20));
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(50), false)).as("the other timer").isEmpty();

        quiet.ended(stack, seen, T0, null, null);
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(30), false))
                .as("the last reconcile found the stack converged").isEmpty();

        quiet.ended(stack, null, T0, RECHECK, null);
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(30), false))
                .as("not converging when the last one started: nothing was recorded").isEmpty();

        quiet.ended(stack, seen, T0, RECHECK, null);
        quiet.forget(stack);
        assertThat(quiet.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(30), false)).as("forgotten (deleted)")
                .isEmpty();
    }

    static Job job(String name, Instant completed) {
        return new JobBuilder().withNewMetadata().withName(name).withUid(name).withResourceVersion("1").endMetadata()
                .withNewStatus().withCompletionTime(completed == null ? null : completed.toString()).endStatus()
                .build();
    }

    /** Only a stack that waits on what the caches show may be quiet: on the clock or AWS, a recheck must look. */
    @Test
    void aStackWaitingOnTheClockOrOnAwsIsNeverQuiet() {
        Pass plain = new Pass(null, null, false, false, null, null, false);
        assertThat(QuietRecheck.waitsOnCachesOnly(plain, context(), T0)).as("workloads rolling out").isTrue();
        assertThat(QuietRecheck.waitsOnCachesOnly(new Pass(null, new CloudState("eu-west-2", null, null, null), false,
                false, null, null, false), context(), T0)).as("on AWS: polled on its own timer").isFalse();
        assertThat(QuietRecheck.waitsOnCachesOnly(new Pass(null, null, true, false, null,
                new Hold("WaitingForSafetyBackup", "the backup before the upgrade"), false), context(), T0))
                .as("a hold").isFalse();

        Pass sleepy = new Pass(TestStacks.withSpec("""
                version: '2025_10.1'
                hibernation:
                  timeZone: Europe/London
                  awake: [{from: "07:00", to: "19:00"}]
                """), null, false, false, null, null, false);
        assertThat(QuietRecheck.waitsOnCachesOnly(sleepy, context(), T0)).as("a hibernation schedule").isFalse();
        assertThat(QuietRecheck.waitsOnCachesOnly(new Pass(TestStacks.minimal(), null, false, false, null, null, false),
                context(), T0)).as("the same stack without one").isTrue();
        Stack wokenLastPass = TestStacks.minimal();
        wokenLastPass.resource().setStatus(new PanStackStatus());
        wokenLastPass.resource().getStatus().setHibernation(new HibernationStatus());
        assertThat(QuietRecheck.waitsOnCachesOnly(new Pass(wokenLastPass, null, false, false, null, null, false),
                context(), T0)).as("a schedule removed, its state still in status").isFalse();
        assertThat(QuietRecheck.waitsOnCachesOnly(new Pass(TestStacks.withSpec("""
                version: '2025_10.1'
                bucket: {}
                """), null, false, false, null, null, false), context(), T0))
                .as("on AWS, before AWS was asked (no finalizer yet)").isFalse();

        put(job("bi-backup-1", null));
        assertThat(QuietRecheck.waitsOnCachesOnly(plain, context(), T0)).as("a Job at work").isFalse();
        put(job("bi-backup-1", T0.minusSeconds(60)));
        assertThat(QuietRecheck.waitsOnCachesOnly(plain, context(), T0))
                .as("a Job finished a minute ago: its record waits for the pod's summary, on the clock").isFalse();
        put(job("bi-backup-1", T0.minus(BackupRecords.SUMMARY_GRACE).minusSeconds(1)));
        assertThat(QuietRecheck.waitsOnCachesOnly(plain, context(), T0)).as("settled").isTrue();

        PanStackRestore restore = new PanStackRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName("back-to-monday").withUid("r").withResourceVersion("1")
                .build());
        put(restore);
        assertThat(QuietRecheck.waitsOnCachesOnly(plain, context(), T0)).as("a restore not yet looked at").isFalse();
        restore.setStatus(new PanStackRestoreStatus());
        restore.getStatus().setPhase(PanStackRestoreStatus.RestorePhase.Completed);
        assertThat(QuietRecheck.waitsOnCachesOnly(plain, context(), T0)).as("a restore finished").isTrue();
    }

    @Test
    void beforeTheEventSourcesAreMadeEveryReconcileIsAFullOne() {
        CharFingerprint.Print seen = QuietRecheck.NEVER.fingerprint(stack, context());
        QuietRecheck.NEVER.ended(stack, seen, T0, RECHECK, null);
        assertThat(QuietRecheck.NEVER.delayIfNothingNew(stack, seen, RECHECK, T0.plusSeconds(1), false)).isEmpty();
    }

    /** Every child kind the workflow writes is watched for changes, from the reconciler's own declaration. */
    @Test
    void theWorkflowsKindsAreAllWatched() {
        assertThat(QuietRecheck.watchedBy(PanStackReconciler.class.getAnnotation(Workflow.class), List.of(Pod.class)))
                .containsExactlyInAnyOrder(ServiceAccount.class, StatefulSet.class, Service.class,
                        NetworkPolicy.class, Deployment.class, HorizontalPodAutoscaler.class, Ingress.class,
                        PodDisruptionBudget.class, CronJob.class, Pod.class);
    }
}
