package io.panstack.operator.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers some requests itself with a failure, in the shape the service would use, and passes
 * the rest to a real client. Which requests fail is deterministic: the first n, every nth, all, or a seeded random
 * share. Counts both kinds.
 */
public final class FaultInjectingHttpClient implements SdkHttpClient {

    public enum Fault {
        /** HTTP 503 ServiceUnavailable. */
        SERVICE_UNAVAILABLE,
        /** The service's throttling answer: RDS 400 Throttling, EFS 429 ThrottlingException, S3 503 SlowDown. */
        THROTTLING,
        /** No answer: the connection is reset. */
        CONNECTION_RESET,
        /** No answer in time: the read times out (as a hung endpoint or a network partition would). */
        TIMEOUT,
        /** HTTP 403 AccessDenied: the IAM policy lacks the action. Not retryable. */
        ACCESS_DENIED
    }

    /** The faults that pass by themselves (the SDK and the operator retry them). */
    public static final java.util.List<Fault> TRANSIENT = java.util.List.of(Fault.SERVICE_UNAVAILABLE, Fault.THROTTLING,
            Fault.CONNECTION_RESET);

    /** The service name in the SigV4 credential scope: .../20250101/eu-west-1/rds/aws4_request. */
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    private final SdkHttpClient delegate;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private volatile IntPredicate failing = n -> false;
    private volatile java.util.function.Predicate<HttpExecuteRequest> targeted = request -> true;
    private volatile Fault fault = Fault.SERVICE_UNAVAILABLE;

    public FaultInjectingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Fails the next {@code count} requests, then passes everything. Resets the counters. */
    public FaultInjectingHttpClient failNext(int count, Fault fault) {
        return failWhen(n -> n <= count, fault);
    }

    /** Fails every request. Resets the counters. */
    public FaultInjectingHttpClient failAll(Fault fault) {
        return failWhen(n -> true, fault);
    }

    /** Fails every nth request (n, 2n, ...). Resets the counters. */
    public FaultInjectingHttpClient failEvery(int nth, Fault fault) {
        return failWhen(n -> n % nth == 0, fault);
    }

    /** Fails a share of the requests, chosen by a seeded random sequence. Resets the counters. */
    public FaultInjectingHttpClient failShare(double share, long seed, Fault fault) {
        Random random = new Random(seed);
        return failWhen(n -> random.nextDouble() < share, fault);
    }

    /** Passes every request. Resets the counters. */
    public FaultInjectingHttpClient passAll() {
        return failWhen(n -> false, Fault.SERVICE_UNAVAILABLE);
    }

    /**
     * Fails every call of one operation, passes everything else. Resets the counters.
     *
     * @param service   the SigV4 service name: rds, elasticfilesystem, backup, s3
     * @param operation a query-protocol Action (DescribeDBSnapshots), or a part of a REST path and query
     *                  (/recovery-points, ?object-lock)
     */
    public synchronized FaultInjectingHttpClient failOperation(String service, String operation, Fault fault) {
        failWhen(n -> true, fault);
        this.targeted = request -> service.equals(service(request)) && (pathAndQuery(request).contains(operation)
                || body(request).contains("Action=" + operation + "&"));
        return this;
    }

    /** @param failing given the request's number since the last reset, 1-based */
    public synchronized FaultInjectingHttpClient failWhen(IntPredicate failing, Fault fault) {
        this.targeted = request -> true;
        this.failing = failing;
        this.fault = fault;
        requests.set(0);
        injected.set(0);
        passed.set(0);
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public int injected() {
        return injected.get();
    }

    public int passed() {
        return passed.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        int number = requests.incrementAndGet();
        if (!targeted.test(request) || !failing.test(number)) {
            passed.incrementAndGet();
            return delegate.prepareRequest(request);
        }
        injected.incrementAndGet();
        Fault chosen = fault;
        String service = service(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return switch (chosen) {
                    case CONNECTION_RESET -> throw new SocketException("Connection reset (injected)");
                    case TIMEOUT -> throw new java.net.SocketTimeoutException("Read timed out (injected)");
                    case THROTTLING -> throttling(service);
                    case ACCESS_DENIED -> accessDenied(service);
                    case SERVICE_UNAVAILABLE -> unavailable(service);
                };
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "FaultInjecting(" + delegate.clientName() + ")";
    }

    @Override
    public void close() {
        delegate.close();
    }

    static String service(HttpExecuteRequest request) {
        Optional<String> authorization = request.httpRequest().firstMatchingHeader("Authorization");
        Matcher m = SCOPE.matcher(authorization.orElse(""));
        return m.find() ? m.group(1) : "unknown";
    }

    private static HttpExecuteResponse throttling(String service) {
        return switch (service) {
            case "elasticfilesystem" -> json(429, "ThrottlingException", "Rate exceeded");
            case "s3" -> xml(503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                    + "<RequestId>injected</RequestId></Error>");
            default -> xml(400, queryError("Sender", "Throttling", "Rate exceeded"));
        };
    }

    private static HttpExecuteResponse accessDenied(String service) {
        String message = "User: arn:aws:sts::123456789012:assumed-role/panstack-operator/x is not authorized to perform"
                + " this action";
        return switch (service) {
            case "elasticfilesystem", "backup" -> json(403, "AccessDeniedException", message);
            case "s3" -> xml(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
                    + "<RequestId>injected</RequestId></Error>");
            default -> xml(403, queryError("Sender", "AccessDenied", message));
        };
    }

    private static String pathAndQuery(HttpExecuteRequest request) {
        String query = request.httpRequest().getUri().getRawQuery();
        return request.httpRequest().encodedPath() + (query == null ? "" : "?" + query);
    }

    /** The request body as text (query-protocol calls carry their Action there); empty when there is none. */
    private static String body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(provider -> {
            try (var in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "&";
            } catch (IOException e) {
                return "";
            }
        }).orElse("");
    }

    private static HttpExecuteResponse unavailable(String service) {
        return switch (service) {
            case "elasticfilesystem" -> json(503, "ServiceUnavailable", "Service unavailable");
            case "s3" -> xml(503, "<Error><Code>ServiceUnavailable</Code><Message>Service unavailable</Message>"
                    + "<RequestId>injected</RequestId></Error>");
            default -> xml(503, queryError("Receiver", "ServiceUnavailable", "Service unavailable"));
        };
    }

    /** The query protocol's error document (RDS, EC2-style services). */
    private static String queryError(String type, String code, String message) {
        return "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>injected</RequestId></ErrorResponse>";
    }

    /** rest-json (EFS): the code travels in x-amzn-ErrorType. */
    private static HttpExecuteResponse json(int status, String code, String message) {
        String body = "{\"ErrorCode\":\"" + code + "\",\"Message\":\"" + message + "\"}";
        return response(status, "application/json", body, code);
    }

    private static HttpExecuteResponse xml(int status, String body) {
        return response(status, "text/xml", body, null);
    }

    private static HttpExecuteResponse response(int status, String contentType, String body, String errorType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("x-amzn-RequestId", "injected");
        if (errorType != null) {
            response.putHeader("x-amzn-ErrorType", errorType);
        }
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
    }
}
