package io.panstack.operator.cloud;

import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.panstack.operator.aws.AwsErrors;

/**
 * A value read from AWS only to report it (a snapshot time, a recovery point): the value, or why it could not be
 * read. Static stability: such a read never holds provisioning, workloads, upgrades or deletion, whatever the failure
 * (an AWS error, access denied, a time-out, a call the region or an emulator lacks). Its failure shows only in the
 * part of status it feeds, and the next poll reads again.
 *
 * @param value   what AWS answered, null when there is nothing (no snapshot yet) or the read failed
 * @param failure one line on why the read failed (AWS's code and message, no request id), null when it worked
 */
public record Observed<T>(T value, String failure) {
    private static final Logger LOG = Logger.getLogger(Observed.class);

    public static <T> Observed<T> of(T value) {
        return new Observed<>(value, null);
    }

    /**
     * Runs a call nothing waits for (a read for status, or turning on a protection such as automatic backups); any
     * failure becomes the reason instead of an exception.
     */
    public static <T> Observed<T> read(String what, Supplier<Optional<T>> call) {
        try {
            return of(call.get().orElse(null));
        } catch (RuntimeException e) {
            String failure = AwsErrors.message(e);
            LOG.debugf("Could not look at %s (status only; nothing waits for it): %s", what, failure);
            return new Observed<>(null, failure);
        }
    }

    public boolean failed() {
        return failure != null;
    }
}
