package io.panstack.operator.pass;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.panstack.operator.runtime.OperatorSettings;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the JSON readers of the kinds the operator reads once it has started, on a thread of its own, so that the
 * first stack does not wait for them: ItemsOnDemand keeps them out of the start, and made at the first objects they
 * cost the first stacks ~2 s of CPU on this machine (10 stacks applied right after a start: all Ready in 6.2-6.5 s
 * instead of ~4). Both mappings: the informers' lean one (Kubernetes' own kinds) and the client's (the operator's own
 * kinds first, then the children its writes answer with). On an empty cluster nothing else runs then; at a restart
 * with stacks the first lists have made the informers' readers already, and it makes the client's beside the first
 * reconciles. It runs after JOSDK has started the informers and registered the controllers, so its classes are
 * initialized where an informer thread reading a first object would initialize them too. A failure changes nothing:
 * a reader not made here is made at its first object, as without it.
 */
@Singleton
public class ReadersAhead {
    /** OperatorSettings#readersAhead: off where the classes of the start alone are recorded (StartWarmUp). */
    public static final String SWITCH = "panstack.readers-ahead";
    private static final Logger LOG = Logger.getLogger(ReadersAhead.class);
    /** The operator's own kinds, first: a PanStack read just after the start waits for no other kind's reader. */
    private static final List<Class<?>> OWN_KINDS = List.of(PanStack.class, PanStackBackup.class, PanStackRestore.class);

    private final ObjectMapper clientMapper;
    private final boolean enabled;
    private final CompletableFuture<Integer> made = new CompletableFuture<>();

    ReadersAhead(@KubernetesClientObjectMapper ObjectMapper clientMapper, OperatorSettings settings) {
        this.clientMapper = clientMapper;
        this.enabled = settings.readersAhead();
    }

    /** After JOSDK's own start (its observer has priority 3123, and a lower one runs first): the informers run. */
    void afterOperatorStart(@Observes @Priority(3200) StartupEvent event) {
        if (!enabled) {
            made.complete(0);
            return;
        }
        Thread thread = new Thread(this::makeAll, "panstack-readers-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many kinds' readers were asked for, once they are made (for tests). */
    public CompletableFuture<Integer> made() {
        return made;
    }

    private void makeAll() {
        long started = System.nanoTime();
        Set<Class<? extends HasMetadata>> leanKinds = LeanReading.kinds();
        // The client reads what the operator writes (the answers to its writes): every kind it watches but Pods.
        Set<Class<?>> written = new HashSet<>(leanKinds);
        written.remove(Pod.class);
        int count = 0;
        try {
            count += make(clientMapper, OWN_KINDS);
            count += make(LeanReading.mapper(), leanKinds);
            count += make(clientMapper, written);
        } finally {
            LOG.debugf("Made the readers of %d kinds ahead in %d ms", count, (System.nanoTime() - started) / 1_000_000);
            made.complete(count);
        }
    }

    /**
     * Jackson makes a kind's reader, with those of everything it holds, and keeps them, when a reader for the kind is
     * asked for. A kind whose reader fails (Jackson keeps the failure to itself here) is left to its first object, and
     * the others are made all the same. Returns how many kinds were asked for.
     */
    static int make(ObjectMapper mapper, Collection<? extends Class<?>> kinds) {
        for (Class<?> kind : kinds) {
            try {
                mapper.readerFor(kind);
            } catch (RuntimeException | LinkageError e) {
                LOG.debugf("No reader of %s made ahead (made at its first object): %s", kind.getName(), e);
            }
        }
        return kinds.size();
    }
}
