package io.panstack.operator.runtime;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the operator's requests to the Kubernetes API as the API server's audit log names them, where that log is
 * not at hand: {@code panstack_kube_requests_total{verb,resource}}, every attempt sent (retries included), by
 * Kubernetes verb (get, list, watch, create, patch, update, delete) and resource with its subresource
 * ({@code panstacks/status}); and {@code panstack_kube_request_errors_total{verb,resource,code}}, every answer of 400
 * or more by its HTTP status, and {@code code="none"} for an attempt that got no answer and is retried (fabric8 tells
 * no interceptor of the last attempt's failure; the requests counter has it). Every label is bounded: the resources
 * are the operator's own choice, a subresource outside {@link #SUBRESOURCES} is {@code other} (a name with a slash
 * in it, from a spec, must not make a series of its own), and no name or namespace is a label.
 */
public class KubeApiRequests implements Interceptor {
    public static final String REQUESTS = "panstack.kube.requests";
    public static final String ERRORS = "panstack.kube.request.errors";
    public static final String NO_ANSWER = "none";
    public static final String NON_RESOURCE = "nonresource";
    public static final String OTHER = "other";
    static final Set<String> SUBRESOURCES = Set.of("status", "scale", "finalizers", "log", "eviction", "binding",
            "token", "finalize", "exec", "attach", "portforward", "proxy", "ephemeralcontainers", "resize");

    private final MeterRegistry registry;

    public KubeApiRequests(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        Request classified = classify(request.method(), request.uri());
        Counter.builder(REQUESTS).description("Requests the operator sent to the Kubernetes API server (each attempt)")
                .tag("verb", classified.verb()).tag("resource", classified.resource()).register(registry).increment();
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (response.code() >= 400) {
            error(request, Integer.toString(response.code()));
        }
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        error(request, NO_ANSWER);
    }

    private void error(HttpRequest request, String code) {
        Request classified = classify(request.method(), request.uri());
        Counter.builder(ERRORS).description("Answers of 400 or more from the Kubernetes API server, and attempts that"
                + " got no answer (code none)").tag("verb", classified.verb()).tag("resource", classified.resource())
                .tag("code", code).register(registry).increment();
    }

    /** A request as the API server's audit log names it: {@code list deployments}, {@code patch panstacks/status}. */
    public record Request(String verb, String resource) {
        public boolean isWrite() {
            return !List.of("get", "list", "watch").contains(verb) && !resource.endsWith("reviews");
        }
    }

    /**
     * /api/v1/namespaces/a/secrets/b → get secrets; /apis/apps/v1/deployments?watch=true → watch deployments;
     * /apis/panstack.io/v1alpha1/namespaces/a/panstacks/b/status → (method) panstacks/status.
     */
    public static Request classify(String method, URI uri) {
        List<String> segments = Arrays.stream(uri.getRawPath().split("/")).filter(s -> !s.isEmpty()).toList();
        // /api/v1/... or /apis/group/version/..., then [namespaces/ns/]resource[/name[/subresource]]
        String root = segments.isEmpty() ? "" : segments.get(0);
        int start = root.equals("api") ? 2 : root.equals("apis") ? 3 : -1;
        if (start < 0 || segments.size() <= start) {
            return new Request(method.toLowerCase(Locale.ROOT), NON_RESOURCE); // /version, discovery
        }
        List<String> rest = segments.subList(start, segments.size());
        if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        if (rest.size() >= 3) {
            resource += "/" + (rest.size() == 3 && SUBRESOURCES.contains(rest.get(2)) ? rest.get(2) : OTHER);
        }
        boolean named = rest.size() >= 2;
        boolean watch = uri.getRawQuery() != null && Arrays.stream(uri.getRawQuery().split("&"))
                .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return new Request(verb, resource);
    }
}
