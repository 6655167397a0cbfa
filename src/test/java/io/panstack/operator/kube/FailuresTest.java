package io.panstack.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The text a failed reconcile puts in status: the same failure reads the same at every try. */
@Tag(Tiers.UNIT)
class FailuresTest {

    static AwsServiceException unavailable(String requestId) {
        return (AwsServiceException) AwsServiceException.builder().statusCode(503).requestId(requestId)
                .message("Service Unavailable (Service: Rds, Status Code: 503, Request ID: " + requestId + ")")
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Rds").errorCode("ServiceUnavailable")
                        .errorMessage("Service Unavailable").build())
                .build();
    }

    @Test
    void anAwsFailureReadsTheSameAtEveryTryWithoutItsRequestId() {
        String first = Failures.describe(new RuntimeException("pass failed", unavailable("4f1c-aaaa")));
        String second = Failures.describe(new RuntimeException("pass failed", unavailable("9b2e-bbbb")));

        assertThat(first).isEqualTo(second).isEqualTo("rds: ServiceUnavailable: Service Unavailable")
                .doesNotContain("Request ID");
    }

    @Test
    void anAwsClientFailureKeepsItsOwnMessage() {
        assertThat(Failures.describe(SdkClientException.create("Unable to execute HTTP request: Connection reset")))
                .isEqualTo("aws: Unable to execute HTTP request: Connection reset");
    }
}
