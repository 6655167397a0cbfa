package io.panstack.operator.runtime;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the operator's requests to the Kubernetes API in {@code panstack.kube.requests} (Prometheus:
 * {@code panstack_kube_requests_total}) by Kubernetes verb (get, list, watch, create, patch, update, delete), resource
 * (with its subresource: {@code panstacks/status}) and answer ({@code code}: the HTTP status, or {@code none} when the
 * server never answered). It is what the API server's audit log would say of this operator, readable where that log
 * is not: how many writes a stack costs, whether the operator writes while idle, how often the API server refuses it.
 * Every label is bounded (the resources the operator touches, the verbs, the status codes); no name or namespace.
 */
public class KubeApiRequests implements Interceptor {
    public static final String METER = "panstack.kube.requests";
    public static final String NO_ANSWER = "none";
    public static final String NON_RESOURCE = "nonresource";

    private final MeterRegistry registry;

    public KubeApiRequests(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        count(request, Integer.toString(response.code()));
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        count(request, NO_ANSWER);
    }

    private void count(HttpRequest request, String code) {
        Request classified = classify(request.method(), request.uri());
        Counter.builder(METER)
                .description("Requests the operator sent to the Kubernetes API server, by verb, resource and answer")
                .tag("verb", classified.verb())
                .tag("resource", classified.resource())
                .tag("code", code)
                .register(registry)
                .increment();
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
        List<String> segments = Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
        // /api/v1/... or /apis/group/version/..., then [namespaces/ns/]resource[/name[/subresource]]
        int start = segments.isEmpty() ? -1 : "api".equals(segments.get(0)) ? 2 : "apis".equals(segments.get(0)) ? 3 : -1;
        if (start < 0 || segments.size() <= start) {
            return new Request(method.toLowerCase(Locale.ROOT), NON_RESOURCE); // /version, discovery
        }
        List<String> rest = segments.subList(start, segments.size());
        if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        boolean named = rest.size() >= 2;
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" -> query.contains("watch=true") || query.contains("watch=1") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return new Request(verb, resource);
    }
}
