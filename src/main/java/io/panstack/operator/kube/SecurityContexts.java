package io.panstack.operator.kube;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * Security settings per image. The vendor does not document the Pi images' user (panintelligence.md 3.1), so they
 * get what holds whatever the user: no privilege escalation, the runtime's seccomp profile. MariaDB's image is known
 * to run as uid 999 and adminer's as a non-root user, so they also drop every capability.
 */
public final class SecurityContexts {
    static final long MARIADB_UID = 999L;

    private SecurityContexts() {
    }

    public static PodSecurityContext piPod() {
        return new PodSecurityContextBuilder().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    public static SecurityContext piContainer() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).build();
    }

    public static SecurityContext nonRootContainer() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().build();
    }

    public static PodSecurityContext mariadbPod() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(MARIADB_UID)
                .withRunAsGroup(MARIADB_UID).withFsGroup(MARIADB_UID).withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }
}
