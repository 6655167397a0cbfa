package io.panstack.operator.aws;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls in {@code panstack.aws.requests} (Prometheus: {@code panstack_aws_requests_total}), once per
 * call after the SDK's own retries, by service, operation and outcome. All three labels are bounded: the services
 * and operations the operator calls, and the five outcomes below.
 */
public class AwsCallMetrics implements ExecutionInterceptor {

    public static final String METER = "panstack.aws.requests";

    public static final String SUCCESS = "success";
    public static final String THROTTLED = "throttled";
    /** A 4xx other than throttling: invalid input, missing permission, not found, conflict. */
    public static final String REJECTED = "rejected";
    public static final String SERVER_ERROR = "server_error";
    /** No answer at all: connection refused or reset, DNS, timeouts. */
    public static final String NETWORK_ERROR = "network_error";

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, SUCCESS);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, outcome(context.exception()));
    }

    static String outcome(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.isThrottlingException()) {
            return THROTTLED;
        }
        if (failure instanceof SdkServiceException service) {
            return service.statusCode() >= 500 ? SERVER_ERROR : REJECTED;
        }
        return NETWORK_ERROR;
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Counter.builder(METER)
                .description("AWS API calls made by the operator, after the SDK's retries")
                .tag("service", service == null ? "unknown" : service.toLowerCase(Locale.ROOT))
                .tag("operation", operation == null ? "unknown" : operation)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
