package io.panstack.operator.kube;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.panstack.operator.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Short, human messages for a failed reconcile: the API server's or AWS's own message, not a stack trace, a URL or a
 * request id.
 */
public final class Failures {
    static final int MAX_LENGTH = 512;

    private Failures() {
    }

    public static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        collect(failure, messages);
        String text = messages.stream().collect(Collectors.joining("; "));
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static void collect(Throwable failure, Set<String> messages) {
        if (failure instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            aggregated.getAggregatedExceptions().values().forEach(cause -> collect(cause, messages));
            return;
        }
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof KubernetesClientException client) {
                String message = client.getStatus() != null && client.getStatus().getMessage() != null
                        ? client.getStatus().getMessage() : client.getMessage();
                messages.add("Kubernetes API (" + client.getCode() + "): " + message);
                return;
            }
            if (cause instanceof SdkException) {
                // AWS's code and message without its request id, which differs at every try: the same failure keeps
                // the same text, so a retry does not patch the status again.
                messages.add(AwsErrors.message(cause));
                return;
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                messages.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                return;
            }
            cause = cause.getCause();
        }
    }
}
