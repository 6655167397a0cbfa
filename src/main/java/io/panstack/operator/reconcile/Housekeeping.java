package io.panstack.operator.reconcile;

import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.panstack.operator.kube.Failures;

/**
 * Writes beside a stack that do not depend on each other (a Job asked for, a record's status, a record to delete):
 * one the API server refuses (a quota, RBAC not yet upgraded, a time-out) is logged and tried again soon, and the
 * others still run, as does the rest of the pass.
 */
final class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final String of;
    private boolean allDone = true;

    /** @param of what the writes are for, for the log: "the PanStackBackups of ns/name" */
    Housekeeping(String of) {
        this.of = of;
    }

    void attempt(String what, Runnable write) {
        attempt(what, () -> {
            write.run();
            return Boolean.TRUE;
        });
    }

    /** @return what the write answered; empty when it failed */
    <T> Optional<T> attempt(String what, Supplier<T> write) {
        try {
            return Optional.ofNullable(write.get());
        } catch (KubernetesClientException e) {
            allDone = false;
            LOG.warnf("Could not %s, for %s (tried again soon): %s", what, of, Failures.describe(e));
            return Optional.empty();
        }
    }

    /** False when a write failed: the stack is then looked at again soon. */
    boolean allDone() {
        return allDone;
    }
}
