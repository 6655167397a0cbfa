package io.panstack.operator.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The operator's requests to the mock API server since the last drain, by verb and resource. The driver's own carry
 * its user agent and are left out; the leader-election Lease is counted apart, as it is renewed every few seconds by
 * design.
 */
public final class RequestLog {
    /** The user agent of the test or benchmark driver, whose requests are not the operator's. */
    public static final String DRIVER_AGENT = "panstack-benchmark";

    private final Map<String, Integer> writesByVerbAndKind = new TreeMap<>();
    private int total;
    private int lease;

    /** Empties the mock server's record of requests into a new log. */
    public static RequestLog drain(KubernetesMockServer server) throws InterruptedException {
        RequestLog log = new RequestLog();
        RecordedRequest request;
        while ((request = server.takeRequest(20, TimeUnit.MILLISECONDS)) != null) {
            if (!DRIVER_AGENT.equals(request.getHeader("User-Agent"))) {
                log.add(request.getMethod(), resource(request.getPath()));
            }
        }
        return log;
    }

    void add(String verb, String resource) {
        if (resource.equals("leases")) {
            lease++;
            return;
        }
        total++;
        if (!"GET".equals(verb) && !resource.endsWith("reviews")) { // an access review is a question, not a write
            writesByVerbAndKind.merge(verb + " " + resource, 1, Integer::sum);
        }
    }

    public RequestLog plus(RequestLog other) {
        RequestLog sum = new RequestLog();
        sum.total = total + other.total;
        sum.lease = lease + other.lease;
        sum.writesByVerbAndKind.putAll(writesByVerbAndKind);
        other.writesByVerbAndKind.forEach((k, v) -> sum.writesByVerbAndKind.merge(k, v, Integer::sum));
        return sum;
    }

    /** Requests other than the Lease's. */
    public int total() {
        return total;
    }

    /** Requests to the leader-election Lease. */
    public int lease() {
        return lease;
    }

    /** The writes by verb and resource (PATCH deployments → 3). */
    public Map<String, Integer> writes(String... resources) {
        Map<String, Integer> writes = new TreeMap<>();
        writesByVerbAndKind.forEach((k, v) -> {
            if (Arrays.stream(resources).anyMatch(r -> k.endsWith(" " + r))) {
                writes.put(k, v);
            }
        });
        return writes;
    }

    /** Writes other than the Lease's. */
    public int writes() {
        return writesByVerbAndKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The writes by verb and resource, divided by {@code n}. */
    public String perStack(int n) {
        Map<String, String> each = new TreeMap<>();
        writesByVerbAndKind.forEach((k, v) -> each.put(k, String.format("%.1f", v / (double) n)));
        return each.toString();
    }

    /** /api/v1/namespaces/x/secrets/y → secrets; a subresource keeps its suffix (panstacks/status). */
    static String resource(String path) {
        String[] parts = path.split("\\?")[0].split("/");
        List<String> segments = new ArrayList<>(Arrays.asList(parts));
        int namespaces = segments.indexOf("namespaces");
        if (namespaces >= 0 && segments.size() > namespaces + 2) {
            List<String> rest = segments.subList(namespaces + 2, segments.size());
            return rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        }
        return segments.get(segments.size() - 1);
    }
}
