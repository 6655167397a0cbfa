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

    public String ingress() {
        return stack;
    }

    public String dashboardDisruptionBudget() {
        return component(Component.DASHBOARD);
    }
}
