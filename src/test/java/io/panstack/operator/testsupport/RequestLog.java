package io.panstack.operator.testsupport;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.panstack.operator.runtime.KubeApiRequests;
import io.panstack.operator.runtime.KubeApiRequests.Request;

/**
 * The operator's requests to an API server over some period, by Kubernetes verb and resource ("patch deployments"),
 * named as {@link KubeApiRequests} names them. Two sources: the mock server's record (the driver's own requests carry
 * its user agent and are left out), or the operator's own panstack_kube_requests_total, which is all a real cluster
 * offers. The leader-election Lease is counted apart, as it is renewed every few seconds by design.
 */
public final class RequestLog {
    /** The user agent of the test or benchmark driver, whose requests are not the operator's. */
    public static final String DRIVER_AGENT = "panstack-benchmark";
    static final String METRIC = "panstack_kube_requests_total";

    private final Map<String, Double> writesByVerbAndKind = new TreeMap<>();
    private double total;
    private double lease;
    private final Set<String> unpagedLists = new TreeSet<>();

    /** Empties the mock server's record of requests into a new log. */
    public static RequestLog drain(KubernetesMockServer server) throws InterruptedException {
        RequestLog log = new RequestLog();
        RecordedRequest request;
        while ((request = server.takeRequest(20, TimeUnit.MILLISECONDS)) != null) {
            if (!DRIVER_AGENT.equals(request.getHeader("User-Agent"))) {
                URI uri = URI.create(request.getPath());
                Request classified = KubeApiRequests.classify(request.getMethod(), uri);
                log.add(classified, 1);
                if (classified.verb().equals("list") && (uri.getRawQuery() == null
                        || !uri.getRawQuery().matches("(.*&)?limit=[1-9].*"))) {
                    log.unpagedLists.add(classified.resource());
                }
            }
        }
        return log;
    }

    /** The operator's own count (the Prometheus text of its /q/metrics), from its start. */
    public static RequestLog fromMetrics(String prometheusText) {
        RequestLog log = new RequestLog();
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(METRIC + "{")) {
                log.add(new Request(label(line, "verb"), label(line, "resource")),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return log;
    }

    private static String label(String line, String name) {
        int start = line.indexOf(name + "=\"") + name.length() + 2;
        return line.substring(start, line.indexOf('"', start));
    }

    void add(Request request, double count) {
        if (request.resource().equals("leases")) {
            lease += count;
            return;
        }
        total += count;
        if (request.isWrite()) {
            writesByVerbAndKind.merge(request.verb() + " " + request.resource(), count, Double::sum);
        }
    }

    public RequestLog plus(RequestLog other) {
        return combine(other, 1);
    }

    /** What happened between an earlier reading of a counter and this one. */
    public RequestLog minus(RequestLog earlier) {
        return combine(earlier, -1);
    }

    private RequestLog combine(RequestLog other, int sign) {
        RequestLog sum = new RequestLog();
        sum.total = total + sign * other.total;
        sum.lease = lease + sign * other.lease;
        sum.writesByVerbAndKind.putAll(writesByVerbAndKind);
        other.writesByVerbAndKind.forEach((k, v) -> sum.writesByVerbAndKind.merge(k, sign * v, Double::sum));
        sum.writesByVerbAndKind.values().removeIf(v -> v == 0);
        return sum;
    }

    /** The resources the operator listed whole, without a page size (only in a log drained from the mock server). */
    public Set<String> unpagedLists() {
        return unpagedLists;
    }

    /** Requests other than the Lease's. */
    public int total() {
        return (int) total;
    }

    /** Requests to the leader-election Lease. */
    public int lease() {
        return (int) lease;
    }

    /** The writes by verb and resource ("patch deployments" → 3) of the resources named. */
    public Map<String, Integer> writes(String... resources) {
        Map<String, Integer> writes = new TreeMap<>();
        writesByVerbAndKind.forEach((k, v) -> {
            if (Arrays.stream(resources).anyMatch(r -> k.endsWith(" " + r))) {
                writes.put(k, v.intValue());
            }
        });
        return writes;
    }

    /** Writes other than the Lease's. */
    public int writes() {
        return (int) writesByVerbAndKind.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The writes by verb and resource, divided by {@code n}. */
    public String perStack(int n) {
        Map<String, String> each = new TreeMap<>();
        writesByVerbAndKind.forEach((k, v) -> each.put(k, String.format("%.1f", v / n)));
        return each.toString();
    }
}
