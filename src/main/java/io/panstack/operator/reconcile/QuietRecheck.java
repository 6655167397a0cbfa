package io.panstack.operator.reconcile;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.backup.BackupRecords;
import io.panstack.operator.kube.JobOutcome;
import io.panstack.operator.pass.CharFingerprint;
import io.panstack.operator.pass.Pass;

/**
 * Lets a converging recheck (ConvergingRecheck) that can find nothing new end at once. Rechecks are there for an
 * event that never reached the reconciler; such an event still changed what the informers hold. So a reconcile
 * that finds everything watched of the stack (its children, pods, claims, Secrets, Jobs, backups, restores) at the
 * resource versions the last full reconcile started from, and the stack itself as it was but for its status, when
 * that reconcile ended with nothing due but a recheck, has nothing new to find in the caches, and ends without
 * building its ~22 children again: at a thousand stacks converging slowly, most reconciles are such rechecks. The
 * operator's own status write is no change (a reconcile finding the same caches computes the same status); its
 * writes of children are.
 * <p>
 * What the caches do not show still gets a full look: a retry, a reconcile when another timer is due (an AWS poll, a
 * hold's retry, the retry of a write that failed, a sleep or wake), and one at least every {@code fullLookEvery} (the
 * resync interval: the Secrets a stack names are read, not watched; a failure to set a volume's reclaim policy is
 * tried again at a full look; backup health goes by the clock). A stack on AWS, with a hold, a Job at work or just
 * finished, a restore under way, or a hibernation schedule or state is never quiet ({@link #waitsOnCachesOnly}).
 */
final class QuietRecheck {
    private final Duration fullLookEvery;
    private final List<Class<? extends HasMetadata>> watched;
    /** By the stack's uid: what its last full reconcile started from, when it ended with only a recheck due. */
    private final Map<String, Quiet> quiet = new ConcurrentHashMap<>();

    private record Quiet(CharFingerprint.Print seen, Instant fullLookAt, Instant otherTimer) {
    }

    /**
     * @param fullLookEvery the longest a stack goes without a full reconcile
     * @param watched       every kind the reconciler watches besides PanStacks
     */
    QuietRecheck(Duration fullLookEvery, List<Class<? extends HasMetadata>> watched) {
        this.fullLookEvery = fullLookEvery;
        this.watched = List.copyOf(watched);
    }

    /** Until the event sources are made: every reconcile is a full one. */
    static final QuietRecheck NEVER = new QuietRecheck(Duration.ZERO, List.of());

    /** The kind an event source watches. */
    @SuppressWarnings("unchecked")
    static Class<? extends HasMetadata> kindOf(EventSource<?, PanStack> source) {
        if (!HasMetadata.class.isAssignableFrom(source.resourceType())) {
            throw new IllegalStateException(source.name() + " watches no Kubernetes kind: " + source.resourceType());
        }
        return (Class<? extends HasMetadata>) source.resourceType();
    }

    /** The kinds of a workflow's dependents (each dependent's resource type) and these others. */
    static List<Class<? extends HasMetadata>> watchedBy(Workflow workflow, List<Class<? extends HasMetadata>> others) {
        return Stream.concat(Arrays.stream(workflow.dependents()).map(dependent -> resourceTypeOf(dependent.type())),
                others.stream()).distinct().toList();
    }

    /** R of a dependent declared as {@code extends PassDependent<R>} or {@code extends ByComponent<R>}. */
    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> resourceTypeOf(Class<?> dependent) {
        Type parent = dependent.getGenericSuperclass();
        if (parent instanceof ParameterizedType generic && generic.getActualTypeArguments()[0] instanceof Class<?> type
                && HasMetadata.class.isAssignableFrom(type)) {
            return (Class<? extends HasMetadata>) type;
        }
        throw new IllegalStateException(dependent.getName() + " does not name its resource type in its superclass");
    }

    /**
     * Whether everything the stack waits for shows in the caches, so that a recheck finding them unchanged has nothing
     * to do. Not so with AWS (polled on its own timer, counted from when AWS was last asked, which may be before this
     * reconcile), nor with a hold (a safety backup, a restore), a Job of the stack at work or finished within the
     * grace its summary is given (BackupRecords.SUMMARY_GRACE), or a PanStackRestore under way: their records and
     * restores are judged on the clock too; nor with a hibernation schedule, or its state still in status (waking
     * goes by steps recorded there).
     */
    static boolean waitsOnCachesOnly(Pass pass, Context<PanStack> context, Instant now) {
        if (pass.cloud() != null || pass.hold() != null || (pass.stack() != null && (pass.stack().spec().usesAws()
                || pass.stack().spec().getHibernation() != null || pass.stack().resource().getStatus() != null
                        && pass.stack().resource().getStatus().getHibernation() != null))) {
            return false;
        }
        Instant settledBefore = now.minus(BackupRecords.SUMMARY_GRACE);
        return context.getSecondaryResourcesAsStream(Job.class).map(JobOutcome::of)
                .allMatch(outcome -> outcome.at() != null && outcome.at().isBefore(settledBefore))
                && context.getSecondaryResourcesAsStream(PanStackRestore.class)
                        .allMatch(restore -> restore.getStatus() != null && restore.getStatus().finished());
    }

    /**
     * What the caches hold of the stack: every watched object of it with its resource version, and the stack itself
     * but for its status (its generation, which moves with the spec, labels, annotations, finalizers and deletion).
     * The operator's own status write is no change: a reconcile that finds the same caches computes the same status,
     * so the recheck after it may be quiet too.
     */
    CharFingerprint.Print fingerprint(PanStack stack, Context<PanStack> context) {
        List<String> versions = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : watched) {
            for (HasMetadata object : context.getSecondaryResources(kind)) {
                versions.add(kind.getSimpleName() + "/" + object.getMetadata().getName() + "/"
                        + object.getMetadata().getUid() + "/" + object.getMetadata().getResourceVersion());
            }
        }
        versions.sort(null);
        ObjectMeta own = stack.getMetadata();
        versions.add(0, own.getUid() + "/" + own.getGeneration() + "/" + own.getDeletionTimestamp() + "/"
                + sorted(own.getLabels()) + "/" + sorted(own.getAnnotations()) + "/" + own.getFinalizers());
        return CharFingerprint.of(versions);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    /**
     * When this reconcile can end at once, the delay to the stack's next recheck; else empty, and the stack is
     * forgotten until the reconcile has ended (so that a failure is retried in full).
     *
     * @param seen       {@link #fingerprint} now; null when not taken
     * @param nextRecheck the delay ConvergingRecheck gives the stack now
     */
    Optional<Duration> delayIfNothingNew(PanStack stack, CharFingerprint.Print seen, Duration nextRecheck, Instant now,
            boolean retry) {
        String uid = stack.getMetadata().getUid();
        Quiet last = uid == null ? null : quiet.remove(uid);
        if (retry || last == null || seen == null || nextRecheck == null || !last.seen().equals(seen)) {
            return Optional.empty();
        }
        Instant fullLookDue = last.fullLookAt().plus(fullLookEvery);
        if (!now.isBefore(fullLookDue) || (last.otherTimer() != null && !now.isBefore(last.otherTimer()))) {
            return Optional.empty();
        }
        quiet.put(uid, last);
        Instant next = now.plus(nextRecheck);
        next = next.isAfter(fullLookDue) ? fullLookDue : next;
        next = last.otherTimer() != null && next.isAfter(last.otherTimer()) ? last.otherTimer() : next;
        Duration delay = Duration.between(now, next);
        return Optional.of(delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay);
    }

    /**
     * A full reconcile of the stack ended. When nothing but a recheck is due next, later rechecks that find the same
     * caches may end at once.
     *
     * @param seen       {@link #fingerprint} when it started; null when it was not taken (the stack was not converging)
     * @param recheck    the converging recheck's delay; null when the stack is not converging, or when what it waits
     *                   for does not all show in the caches ({@link #waitsOnCachesOnly})
     * @param otherTimer the shortest of the other delays (AWS poll, hold, retry of a failed write, sleep change); null
     *                   when none
     */
    void ended(PanStack stack, CharFingerprint.Print seen, Instant startedAt, Duration recheck, Duration otherTimer) {
        String uid = stack.getMetadata().getUid();
        if (uid == null) {
            return;
        }
        if (fullLookEvery.isZero() || seen == null || recheck == null
                || (otherTimer != null && otherTimer.compareTo(recheck) <= 0)) {
            quiet.remove(uid);
            return;
        }
        quiet.put(uid, new Quiet(seen, startedAt, otherTimer == null ? null : startedAt.plus(otherTimer)));
    }

    void forget(PanStack stack) {
        if (stack.getMetadata().getUid() != null) {
            quiet.remove(stack.getMetadata().getUid());
        }
    }
}
