package io.panstack.operator.runtime;

import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

/**
 * One active replica at a time, elected through a Lease in the operator's own namespace (QOSDK turns this on in the
 * prod profile only, so dev mode and tests run without it). A replica that loses the lease exits and restarts.
 */
@Singleton
public class OperatorLeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE = "panstack-operator";

    public OperatorLeaderElection() {
        super(LEASE);
    }
}
