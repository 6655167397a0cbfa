package io.panstack.operator.pass;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackBackup;
import io.panstack.operator.api.v1alpha1.PanStackRestore;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the JSON readers of the kinds the operator reads once it has started, on a thread of its own, so that the
 * first stack does not wait for them: ItemsOnDemand keeps them out of the start, and made at the first object they
 * cost the first stack ~2 s of CPU on this machine (10 stacks applied at once: all Ready in ~6 s instead of ~5).
 * Both mappings: the informers' lean one (Kubernetes' own kinds) and the client's (the operator's own kinds, and the
 * children its writes answer with). It runs after JOSDK has started the informers and registered the controllers, so
 * its classes are initialized where an informer thread reading a first object would initialize them too. A failure
 * changes nothing: a reader not made here is made at its first object, as without it.
 */
@Singleton
public class ReadersAhead {
    private static final Logger LOG = Logger.getLogger(ReadersAhead.class);
    private static final List<Class<?>> OWN_KINDS = List.of(PanStack.class, PanStackBackup.class, PanStackRestore.class);

    private final ObjectMapper clientMapper;
    private final CompletableFuture<Integer> made = new CompletableFuture<>();

    ReadersAhead(@KubernetesClientObjectMapper ObjectMapper clientMapper) {
        this.clientMapper = clientMapper;
    }

    /** After JOSDK's own start (its observer has priority 3123): the informers run. */
    void afterOperatorStart(@Observes @Priority(3200) StartupEvent event) {
        Thread thread = new Thread(this::makeAll, "panstack-readers-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many readers were made, once they are (for tests and the log). */
    public CompletableFuture<Integer> made() {
        return made;
    }

    private void makeAll() {
        long started = System.nanoTime();
        try {
            int count = make(LeanReading.mapper(), LeanReading.kinds());
            count += make(clientMapper, LeanReading.kinds());
            count += make(clientMapper, OWN_KINDS);
            LOG.debugf("Made the readers of %d kinds ahead in %d ms", count, (System.nanoTime() - started) / 1_000_000);
            made.complete(count);
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf("Readers not made ahead (each is made at its kind's first object): %s", e);
            made.completeExceptionally(e);
        }
    }

    /** Jackson makes a kind's reader, and keeps it, when a reader for the kind is asked for. */
    static int make(ObjectMapper mapper, Collection<? extends Class<?>> kinds) {
        kinds.forEach(mapper::readerFor);
        return kinds.size();
    }
}
