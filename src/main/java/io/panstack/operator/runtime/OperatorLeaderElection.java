package io.panstack.operator.runtime;


import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

/**
 * One active replica at a time, elected through a Lease in the operator's own namespace (QOSDK turns this on in the
 * prod profile only, so dev mode and tests run without it). A replica that loses the lease exits, so Kubernetes
 * restarts it as a follower; only tests turn that off, as exiting would end the test JVM.
 */
@Singleton
public class OperatorLeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE = "panstack-operator";

    public OperatorLeaderElection(
            @ConfigProperty(name = "panstack.leader-election.exit-on-stop-leading", defaultValue = "true") boolean exitOnStopLeading) {
        super(LEASE, null, LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE, RETRY_PERIOD_DEFAULT_VALUE, null, null,
                exitOnStopLeading);
    }
}
