package io.panstack.operator.aws;

import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Sorts AWS failures by who has to act, and turns them into one short line for a status condition. */
public final class AwsErrors {

    /** Who has to act. */
    public enum Kind {
        /** Nobody: throttling, AWS-side errors, network trouble, expired credentials, a resource still busy. */
        RETRYABLE,
        /** A human, outside the spec: the operator's IAM role or credentials lack something. */
        PERMISSION,
        /** A human, in the spec: AWS rejects the request as it stands (bad value, subnet, quota, name taken). */
        TERMINAL
    }

    static final int MAX_MESSAGE = 400;

    private static final Set<String> PERMISSION_CODES = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden", "AuthorizationError",
            "AuthFailure", "NotAuthorized", "OptInRequired", "AllAccessDisabled", "AccountProblem",
            "MissingAuthenticationToken", "IncompleteSignature", "SignatureDoesNotMatch", "InvalidAccessKeyId",
            // An access key AWS does not know: rotating or refreshing credentials never produces it (that is
            // ExpiredToken), so someone has to fix the credentials.
            "InvalidClientTokenId", "UnrecognizedClientException",
            // RDS cannot use the KMS key: its key policy, not the spec, is at fault.
            "KMSKeyNotAccessibleFault");

    private static final Set<String> RETRYABLE_CODES = Set.of(
            // Credentials and clocks: the SDK refreshes credentials and corrects clock skew on its own.
            "ExpiredToken", "ExpiredTokenException", "RequestExpired", "RequestTimeTooSkewed", "RequestInTheFuture",
            // AWS-side trouble that may arrive with a 4xx status.
            "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
            "DependencyTimeout", "InsufficientDBInstanceCapacity", "InsufficientThroughputCapacity",
            "ThroughputLimitExceeded", "OperationAborted",
            // The resource is busy (being created, modified, backed up, deleted) and will settle by itself.
            "InvalidDBInstanceState", "InvalidDBParameterGroupState", "InvalidDBSubnetGroupStateFault",
            "InvalidDBSnapshotState", "IncorrectFileSystemLifeCycleState", "IncorrectMountTargetState",
            "FileSystemInUse", "ConflictingOperation",
            // Things the operator itself creates and looks up first: gone in between means it changed under us
            // (eventual consistency, or deleted by hand) and the next reconcile creates it again.
            "DBInstanceNotFound", "DBParameterGroupNotFound", "DBSubnetGroupNotFoundFault", "FileSystemNotFound",
            "MountTargetNotFound", "AccessPointNotFound", "NoSuchBucket");

    private AwsErrors() {
    }

    /**
     * Everything else a service rejects with a 4xx is TERMINAL: InvalidParameterValue, InvalidParameterCombination,
     * InvalidSubnet, InvalidVPCNetworkStateFault, DBSubnetGroupDoesNotCoverEnoughAZs, StorageTypeNotSupported,
     * InvalidBucketName, BucketAlreadyExists, ValidationError, ValidationException, BadRequest, SubnetNotFound,
     * SecurityGroupNotFound, quota faults, S3's 301 PermanentRedirect (wrong region).
     */
    public static Kind classify(Throwable failure) {
        Throwable t = awsCause(failure);
        if (t instanceof AwsRegionUnknownException || t instanceof IllegalArgumentException) {
            return Kind.TERMINAL;
        }
        if (t instanceof AwsServiceException aws) {
            String code = code(aws);
            if (aws.isThrottlingException() || RETRYABLE_CODES.contains(code)) {
                return Kind.RETRYABLE;
            }
            if (PERMISSION_CODES.contains(code) || aws.statusCode() == 401 || aws.statusCode() == 403) {
                return Kind.PERMISSION;
            }
            return aws.statusCode() >= 500 ? Kind.RETRYABLE : Kind.TERMINAL;
        }
        if (t instanceof SdkServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException() ? Kind.RETRYABLE : Kind.TERMINAL;
        }
        // SdkClientException (no answer: network, timeouts, credentials not loadable yet) and anything unknown.
        return Kind.RETRYABLE;
    }

    /** One line: "rds: InvalidParameterCombination: &lt;AWS's message&gt;", no request id, at most 400 characters. */
    public static String message(Throwable failure) {
        Throwable t = awsCause(failure);
        String line;
        if (t instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            String service = details == null || details.serviceName() == null ? "aws"
                    : details.serviceName().toLowerCase(Locale.ROOT);
            String code = code(aws);
            String text = details == null ? null : details.errorMessage();
            line = service + ": " + (code.isEmpty() ? "HTTP " + aws.statusCode() : code)
                    + (text == null || text.isBlank() ? "" : ": " + text);
        } else if (t instanceof SdkClientException) {
            // Without what differs at every try (the attempt count, a nested service's request id).
            line = "aws: " + t.getMessage().replaceAll("\\s*\\(SDK Attempt Count: \\d+\\)", "")
                    .replaceAll("(?i),?\\s*Request ID: [^,)\\s]+", "");
        } else if (t.getMessage() == null) {
            line = t.getClass().getSimpleName();
        } else {
            line = t.getMessage();
        }
        line = line.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** The error code, "" when there is none (HEAD answers have no body); never null (Set.of rejects null). */
    private static String code(AwsServiceException aws) {
        AwsErrorDetails details = aws.awsErrorDetails();
        return details == null || details.errorCode() == null ? "" : details.errorCode();
    }

    /** The SDK exception inside wrappers (CompletionException, UncheckedIOException, ...), else the failure itself. */
    private static Throwable awsCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkException
                    || t instanceof AwsRegionUnknownException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
