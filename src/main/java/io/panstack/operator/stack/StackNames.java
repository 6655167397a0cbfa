package io.panstack.operator.stack;


/**
 * Names of the objects the operator creates for a stack, all derived from the PanStack's name so a restart or a
 * re-created PanStack finds them again. The CRD limits the stack name to 40 characters so every name here stays a
 * valid DNS label.
 */
public record StackNames(String stack) {

    public String component(Component component) {
        return stack + "-" + component.id();
    }

    public String mariadb() {
        return stack + "-mariadb";
    }

    public String databaseCredentials() {
        return stack + "-db-credentials";
    }

    public String databaseVolume() {
        return stack + "-mariadb-data";
    }

    public String filesVolume() {
        return stack + "-files";
    }

    /** The ServiceAccount of the stack's backup, restore and seeding pods. */
    public String jobs() {
        return stack + "-jobs";
    }

    /** The backup CronJob. */
    public String backup() {
        return stack + "-backup";
    }

    /** The CronJob that verifies the newest logical backup (on demand: {@code <stack>-verify-now-<hash>}). */
    public String verify() {
        return stack + "-verify";
    }

    /** The volume logical backups go to when the stack has no bucket. */
    public String backupVolume() {
        return stack + "-backups";
    }

    /** The Job that seeds the files volume from the bucket, once. */
    public String seedFilesJob() {
        return stack + "-seed-files";
    }

    public String ingress() {
        return stack;
    }

    public String dashboardDisruptionBudget() {
        return component(Component.DASHBOARD);
    }
}
