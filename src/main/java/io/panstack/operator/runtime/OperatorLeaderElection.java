package io.panstack.operator.runtime;

import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

/**
 * One active replica at a time, elected through a Lease in the operator's own namespace (QOSDK turns this on in the
 * prod profile only, so dev mode and tests run without it). A replica that loses the lease exits, so Kubernetes
 * restarts it as a follower; only tests turn that off, as exiting would end the test JVM.
 * <p>
 * The leader renews the Lease every retry period with a PATCH (fabric8's LeaderElector), so deploy/base/rbac.yaml must
 * grant "patch" on leases; if no renewal succeeds within the renew deadline, it stops leading. The timings are
 * Kubernetes' usual ones (15 s, 10 s, 2 s; panstack.leader-election.*) and can be set for tests that must see several
 * renewals quickly.
 */
@Singleton
public class OperatorLeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE = "panstack-operator";

    public OperatorLeaderElection(OperatorSettings settings) {
        super(LEASE, null, settings.leaderElection().leaseDuration(), settings.leaderElection().renewDeadline(),
                settings.leaderElection().retryPeriod(), null, null, settings.leaderElection().exitOnStopLeading());
    }
}
