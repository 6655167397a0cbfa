package io.panstack.operator.kube;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kubernetes Events on a PanStack, for what a human should know (kubectl describe shows them); not for every
 * reconcile. Best effort: a failed event never fails a reconcile.
 */
public final class StackEvents {
    private static final Logger LOG = Logger.getLogger(StackEvents.class);
    static final String SOURCE = "panstack-operator";

    private StackEvents() {
    }

    /** The last suffix given: names stay unique when two events come within one clock tick (a 409 would lose one). */
    private static final AtomicLong LAST = new AtomicLong();

    /** The time in nanoseconds, as client-go names events, but never the same twice in this process. */
    static long uniqueNanos(Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return LAST.updateAndGet(last -> Math.max(last + 1, nanos));
    }

    public static void normal(KubernetesClient client, HasMetadata stack, String reason, String message) {
        record(client, stack, "Normal", reason, message);
    }

    public static void warning(KubernetesClient client, HasMetadata stack, String reason, String message) {
        record(client, stack, "Warning", reason, message);
    }

    /** A Warning or a Normal event, as the outcome says. */
    public static void of(KubernetesClient client, HasMetadata object, boolean warning, String reason, String message) {
        record(client, object, warning ? "Warning" : "Normal", reason, message);
    }

    /** Also on the operator's other resources (a PanStackRestore's phases), for kubectl describe to show. */
    private static void record(KubernetesClient client, HasMetadata stack, String type, String reason, String message) {
        Instant now = Instant.now();
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(stack.getMetadata().getNamespace())
                .withName(stack.getMetadata().getName() + "." + Long.toHexString(uniqueNanos(now))).endMetadata()
                .withNewInvolvedObject().withApiVersion(HasMetadata.getApiVersion(stack.getClass()))
                .withKind(HasMetadata.getKind(stack.getClass()))
                .withName(stack.getMetadata().getName()).withNamespace(stack.getMetadata().getNamespace())
                .withUid(stack.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(SOURCE).endSource()
                .withReportingComponent(SOURCE)
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(stack.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("Event %s on %s/%s not recorded: %s", reason, stack.getMetadata().getNamespace(),
                    stack.getMetadata().getName(), e.getMessage());
        }
    }
}
