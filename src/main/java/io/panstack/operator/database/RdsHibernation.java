package io.panstack.operator.database;

import java.util.Set;

import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.stack.Stack;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The stack's RDS instance follows its hibernation: stopped while the stack is asleep (again when AWS starts it by
 * itself after 7 days), started when it wakes. Only an instance the stack made: an adopted one may serve others.
 */
final class RdsHibernation {
    static final String STOPPED = "stopped";
    /** What step returns when AWS refused the stop or start; the rest is AWS's message. */
    static final String REFUSED = "refused: ";
    /** Statuses in which AWS accepts no stop or start: wait for the next poll. */
    private static final Set<String> IN_TRANSIT = Set.of("stopping", "starting");

    private RdsHibernation() {
    }

    /**
     * Stops or starts the instance as the stack's sleep asks; returns the status the instance goes to, REFUSED and
     * AWS's reason when AWS would not, or null when nothing was asked of AWS.
     *
     * @param busy something needs the instance as it is now (a restore, a safety or manual snapshot being taken)
     */
    static String step(Stack stack, DatabaseInstances rds, DbInstance instance, boolean busy) {
        String status = instance.status();
        if (status == null || IN_TRANSIT.contains(status)) {
            return null;
        }
        try {
            if (stack.sleep().databaseStopped() && RdsDatabase.AVAILABLE.equals(status) && !busy) {
                rds.stopInstance(instance.identifier());
                return "stopping";
            }
            if (!stack.sleep().databaseStopped() && STOPPED.equals(status)) {
                rds.startInstance(instance.identifier());
                return "starting";
            }
        } catch (AwsServiceException e) {
            if (!"InvalidDBInstanceState".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw e;
            }
            // Its status moved on since it was read (a backup window began), or AWS cannot stop it (read replicas):
            // tried again at the next poll, and said in the database's status meanwhile.
            return REFUSED + e.awsErrorDetails().errorMessage();
        }
        return null;
    }
}
