package io.panstack.operator.aws;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.panstack.operator.aws.AwsErrors.Kind;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.efs.model.EfsException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.s3.model.S3Exception;

@Tag(Tiers.UNIT)
class AwsErrorsTest {

    static AwsServiceException error(String service, int status, String code, String message) {
        AwsErrorDetails details = AwsErrorDetails.builder().serviceName(service).errorCode(code)
                .errorMessage(message).build();
        AwsServiceException.Builder builder = switch (service) {
            case "Rds" -> RdsException.builder();
            case "Efs" -> EfsException.builder();
            case "S3" -> S3Exception.builder();
            default -> AwsServiceException.builder();
        };
        return (AwsServiceException) builder.awsErrorDetails(details).statusCode(status)
                .requestId("4f1c-request-id").message(message).build();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            // invalid input: the spec has to change
            "Rds, 400, InvalidParameterValue, TERMINAL",
            "Rds, 400, InvalidParameterCombination, TERMINAL",
            "Rds, 400, InvalidSubnet, TERMINAL",
            "Rds, 400, InvalidVPCNetworkStateFault, TERMINAL",
            "Rds, 400, DBSubnetGroupDoesNotCoverEnoughAZs, TERMINAL",
            "Rds, 400, StorageTypeNotSupported, TERMINAL",
            "Rds, 400, InstanceQuotaExceeded, TERMINAL",
            "Rds, 400, ValidationError, TERMINAL",
            "Rds, 400, DBInstanceAlreadyExists, TERMINAL",
            "Efs, 400, BadRequest, TERMINAL",
            "Efs, 400, ValidationException, TERMINAL",
            "Efs, 404, SubnetNotFound, TERMINAL",
            "Efs, 404, SecurityGroupNotFound, TERMINAL",
            "Efs, 409, MountTargetConflict, TERMINAL",
            "S3, 400, InvalidBucketName, TERMINAL",
            "S3, 409, BucketAlreadyExists, TERMINAL",
            "S3, 301, PermanentRedirect, TERMINAL",
            "S3, 400, SomethingNewAndUnknown, TERMINAL",
            // the operator's IAM role or credentials
            "S3, 403, AccessDenied, PERMISSION",
            "Efs, 403, AccessDeniedException, PERMISSION",
            "Rds, 403, AccessDenied, PERMISSION",
            "Rds, 400, UnauthorizedOperation, PERMISSION",
            "Rds, 403, AuthorizationError, PERMISSION",
            "S3, 403, Forbidden, PERMISSION",
            "S3, 403, InvalidAccessKeyId, PERMISSION",
            "S3, 403, SignatureDoesNotMatch, PERMISSION",
            "Rds, 403, InvalidClientTokenId, PERMISSION",
            "Efs, 400, UnrecognizedClientException, PERMISSION",
            "Rds, 400, KMSKeyNotAccessibleFault, PERMISSION",
            "S3, 403, , PERMISSION",
            // nobody: wait and try again
            "Rds, 400, Throttling, RETRYABLE",
            "Efs, 429, ThrottlingException, RETRYABLE",
            "Efs, 429, TooManyRequests, RETRYABLE",
            "S3, 503, SlowDown, RETRYABLE",
            "Rds, 400, RequestLimitExceeded, RETRYABLE",
            "Rds, 500, InternalFailure, RETRYABLE",
            "S3, 500, InternalError, RETRYABLE",
            "Rds, 503, ServiceUnavailable, RETRYABLE",
            "Efs, 504, DependencyTimeout, RETRYABLE",
            "S3, 503, , RETRYABLE",
            "Rds, 400, ExpiredToken, RETRYABLE",
            "Efs, 403, ExpiredTokenException, RETRYABLE",
            "S3, 400, ExpiredToken, RETRYABLE",
            "Rds, 400, RequestExpired, RETRYABLE",
            "S3, 400, RequestTimeout, RETRYABLE",
            "Rds, 400, InvalidDBInstanceState, RETRYABLE",
            "Rds, 400, InvalidDBSubnetGroupStateFault, RETRYABLE",
            "Rds, 400, InvalidDBParameterGroupState, RETRYABLE",
            "Efs, 409, IncorrectFileSystemLifeCycleState, RETRYABLE",
            "Efs, 409, IncorrectMountTargetState, RETRYABLE",
            "Efs, 409, FileSystemInUse, RETRYABLE",
            "S3, 409, OperationAborted, RETRYABLE",
            "Rds, 404, DBSubnetGroupNotFoundFault, RETRYABLE",
            "Rds, 400, DBParameterGroupNotFound, RETRYABLE",
            "Rds, 400, DBInstanceNotFound, RETRYABLE",
            "Efs, 404, FileSystemNotFound, RETRYABLE",
            "S3, 404, NoSuchBucket, RETRYABLE" })
    void classifiesByCodeAndStatus(String service, int status, String code, Kind expected) {
        assertThat(AwsErrors.classify(error(service, status, code, "message"))).isEqualTo(expected);
    }

    @Test
    void failuresWithoutAnAnswerAreRetryable() {
        assertThat(AwsErrors.classify(SdkClientException.create("Unable to execute HTTP request: Connection reset",
                new SocketTimeoutException("Read timed out")))).isEqualTo(Kind.RETRYABLE);
        assertThat(AwsErrors.classify(ApiCallTimeoutException.create(60_000))).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void wrappedFailuresAreClassifiedByTheAwsErrorInside() {
        AwsServiceException denied = error("S3", 403, "AccessDenied", "Access Denied");
        assertThat(AwsErrors.classify(new CompletionException(denied))).isEqualTo(Kind.PERMISSION);
        assertThat(AwsErrors.classify(new RuntimeException("reconcile failed", denied))).isEqualTo(Kind.PERMISSION);
        assertThat(AwsErrors.message(new CompletionException(denied))).isEqualTo("s3: AccessDenied: Access Denied");
    }

    @Test
    void humanProblemsOutsideTheSdkAreTerminal() {
        assertThat(AwsErrors.classify(new AwsRegionUnknownException(null))).isEqualTo(Kind.TERMINAL);
        // The S3 client rejects malformed bucket names itself, before any request.
        assertThat(AwsErrors.classify(new IllegalArgumentException("Bucket name should not contain uppercase")))
                .isEqualTo(Kind.TERMINAL);
        assertThat(AwsErrors.classify(new UncheckedIOException(new java.io.IOException("disk"))))
                .isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void messageIsServiceCodeAndAwsTextWithoutRequestId() {
        AwsServiceException e = error("Rds", 400, "InvalidParameterCombination",
                "Cannot delete protected DB Instance, please disable deletion protection and try again.");

        assertThat(e.getMessage()).contains("Request ID");
        assertThat(AwsErrors.message(e)).isEqualTo("rds: InvalidParameterCombination: Cannot delete protected DB "
                + "Instance, please disable deletion protection and try again.");
    }

    @Test
    void messageWithoutCodeOrTextNamesTheStatus() {
        assertThat(AwsErrors.message(error("S3", 404, null, null))).isEqualTo("s3: HTTP 404");
    }

    @Test
    void messageIsOneShortLine() {
        String text = "line one\nline two\t" + "x".repeat(1000);
        String message = AwsErrors.message(error("Efs", 400, "BadRequest", text));

        assertThat(message).startsWith("efs: BadRequest: line one line two x").doesNotContain("\n");
        assertThat(message).hasSize(AwsErrors.MAX_MESSAGE);
    }

    @Test
    void messageOfAClientFailure() {
        assertThat(AwsErrors.message(SdkClientException.create("Unable to execute HTTP request: Connection reset")))
                .isEqualTo("aws: Unable to execute HTTP request: Connection reset");
        assertThat(AwsErrors.message(new AwsRegionUnknownException(null)))
                .isEqualTo(AwsRegionUnknownException.MESSAGE);
    }

    /** The same failure reads the same at every try, so status is not patched again for it. */
    @Test
    void aClientFailureReadsTheSameAtEveryTry() {
        String third = AwsErrors.message(SdkClientException.create(
                "Unable to execute HTTP request: Read timed out (SDK Attempt Count: 3)"));
        String fourth = AwsErrors.message(SdkClientException.create(
                "Unable to execute HTTP request: Read timed out (SDK Attempt Count: 4)"));
        String credentials = AwsErrors.message(SdkClientException.create("Unable to load credentials: sts: Throttling"
                + " (Service: Sts, Status Code: 400, Request ID: 9f2c-1d)"));

        assertThat(third).isEqualTo(fourth).isEqualTo("aws: Unable to execute HTTP request: Read timed out");
        assertThat(credentials).doesNotContain("Request ID").contains("Status Code: 400");
    }
}
