package io.panstack.operator.workloads;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.panstack.operator.stack.Component.HealthCheck;

/**
 * Start-up, readiness and liveness probes from one health check. Readiness follows the vendor's load balancer
 * (every 15 s, 5 s timeout, 2 failures); liveness is slower to act so a busy Tomcat is not restarted needlessly;
 * the start-up probe holds both off while the service starts.
 */
final class Probes {
    static final int STARTUP_PERIOD_SECONDS = 10;

    private Probes() {
    }

    public static Probe startup(HealthCheck check, int allowedFailures) {
        return base(check).withPeriodSeconds(STARTUP_PERIOD_SECONDS).withTimeoutSeconds(5)
                .withFailureThreshold(allowedFailures).build();
    }

    public static Probe readiness(HealthCheck check) {
        return base(check).withPeriodSeconds(15).withTimeoutSeconds(5).withFailureThreshold(2).build();
    }

    static Probe liveness(HealthCheck check) {
        return base(check).withPeriodSeconds(30).withTimeoutSeconds(10).withFailureThreshold(5).build();
    }

    private static ProbeBuilder base(HealthCheck check) {
        ProbeBuilder probe = new ProbeBuilder();
        if (check.isHttp()) {
            probe.withNewHttpGet().withPath(check.path()).withPort(new IntOrString(check.port())).endHttpGet();
        } else {
            probe.withNewTcpSocket().withPort(new IntOrString(check.port())).endTcpSocket();
        }
        return probe;
    }
}
