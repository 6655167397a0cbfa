package io.panstack.operator.runtime;

import java.util.UUID;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * One active replica at a time, elected through a Lease in the operator's own namespace (QOSDK turns this on in the
 * prod profile only, so dev mode and tests run without it). A replica that loses the lease exits, so Kubernetes
 * restarts it as a follower; only tests turn that off, as exiting would end the test JVM.
 * <p>
 * The leader renews the Lease every retry period with a PATCH (fabric8's LeaderElector), so deploy/base/rbac.yaml must
 * grant "patch" on leases; if no renewal succeeds within the renew deadline, it stops leading. The timings are
 * Kubernetes' usual ones (15 s, 10 s, 2 s; panstack.leader-election.*) and can be set for tests that must see several
 * renewals quickly.
 * <p>
 * JOSDK's own exit on a lost lease is off: stopping the operator on SIGTERM also ends its leadership, and JOSDK then
 * called System.exit from inside the shutdown hook, which never returns (the pod hung for its grace period). The
 * exit is {@link LeaseHandOver}'s, which knows a lease given up on shutdown from one lost, and releases it.
 */
@Singleton
public class OperatorLeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE = "panstack-operator";

    public OperatorLeaderElection(OperatorSettings settings) {
        super(LEASE, null, settings.leaderElection().leaseDuration(), settings.leaderElection().renewDeadline(),
                settings.leaderElection().retryPeriod(), identity(),
                new LeaderCallbacks(LeaseHandOver::startedLeading, () -> LeaseHandOver.stoppedLeading(
                        settings.leaderElection().exitOnStopLeading(), () -> System.exit(1)), leader -> { }),
                false);
    }

    /** The pod's name, as JOSDK would take it, else a name of its own. */
    static String identity() {
        String hostname = System.getenv("HOSTNAME");
        return hostname == null || hostname.isBlank() ? UUID.randomUUID().toString() : hostname;
    }
}
