package io.panstack.operator.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * A fast, clean hand-over on SIGTERM: the replica gives the Lease up on its way out, so a standby leads at once
 * instead of waiting for it to expire; and a replica that loses the Lease while running exits, so Kubernetes starts
 * it again as a follower. Never both: giving the Lease up on shutdown also ends leadership, and an exit from inside
 * the shutdown would never return.
 */
@ApplicationScoped
public class LeaseHandOver {
    private static final Logger LOG = Logger.getLogger(LeaseHandOver.class);
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    private static final AtomicBoolean LEADING = new AtomicBoolean();

    @Inject
    Instance<OperatorLeaderElection> election;

    @Inject
    KubernetesClient client;

    void started(@Observes StartupEvent event) {
        STOPPING.set(false);
        LEADING.set(false);
    }

    static void startedLeading() {
        LEADING.set(true);
    }

    /** Whether this replica leads now: a standby is ready (its caches are warm) but does not act. */
    static boolean leading() {
        return LEADING.get();
    }

    /** First of all shutdown work: from now on a lost leadership is the shutdown's doing. */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        STOPPING.set(true);
    }

    /**
     * After the operator has stopped (QOSDK stops it at the default priority), the Lease is given up. JOSDK closes
     * the operator's client as it stops, so a short-lived one of the same configuration does it.
     */
    void release(@Observes @Priority(10_000) ShutdownEvent event) {
        if (!LEADING.getAndSet(false) || !election.isResolvable()) {
            return;
        }
        // Quick or not at all: within the pod's grace period, and never holding up the shutdown.
        var quick = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(2_000).withRequestTimeout(3_000).build();
        try (KubernetesClient releasing = new KubernetesClientBuilder().withConfig(quick).build()) {
            release(releasing, client.getNamespace(), election.get().getIdentity().orElse(null));
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the Lease %s (it expires on its own): %s", OperatorLeaderElection.LEASE,
                    e.getMessage());
        }
    }

    /**
     * Exits unless the shutdown ended the leadership. On a thread of its own: System.exit blocks its caller until the
     * shutdown hooks are done, and must never be called from one.
     */
    static void stoppedLeading(boolean exit, Runnable exiter) {
        stoppedLeading(exit, STOPPING.get(), exiter);
    }

    static void stoppedLeading(boolean exit, boolean stopping, Runnable exiter) {
        if (!exit || stopping) {
            LOG.info("Stopped leading");
            return;
        }
        LEADING.set(false); // someone else's now: never released by this replica
        LOG.info("Lost the Lease: exiting, to come back as a follower");
        Thread thread = new Thread(exiter, "panstack-lease-lost");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Gives the Lease up if this replica holds it, as client-go does on release: no holder, a one-second duration, so
     * a standby takes it at its next try. The patch names the version read, so a Lease a standby took in between is
     * left alone (409). A failure is only logged: the Lease then expires as usual.
     */
    static void release(KubernetesClient client, String namespace, String identity) {
        if (namespace == null || identity == null) {
            return;
        }
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(OperatorLeaderElection.LEASE).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            client.leases().inNamespace(namespace).withName(OperatorLeaderElection.LEASE).patch(
                    PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\""
                            + lease.getMetadata().getResourceVersion() + "\"},"
                            + "\"spec\":{\"holderIdentity\":null,\"leaseDurationSeconds\":1}}");
            LOG.infof("Released the Lease %s for the next leader", OperatorLeaderElection.LEASE);
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.warnf("Could not release the Lease %s (it expires on its own): %s", OperatorLeaderElection.LEASE,
                    e.getMessage());
        }
    }

}
