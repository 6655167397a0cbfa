package io.panstack.operator.status;

/**
 * Why the stack does not yet run what its spec asks for although nothing is wrong: a new release waits for its
 * safety backup, the dashboard for the restore of the repository. Ready is False with this reason meanwhile.
 */
public record Hold(String reason, String message, boolean retrySoon) {

    public Hold(String reason, String message) {
        this(reason, message, false);
    }

    /** The same hold, saying why, and looked at again soon: a call it needs was refused in this pass. */
    public Hold retryingSoon(String why) {
        return new Hold(reason, message + "; " + why, true);
    }
}
