package io.panstack.operator.stack;

import java.net.URI;

/** The URL users reach the dashboard at, split into what the dashboard's PI_PROXY_* settings and the Ingress need. */
public record ExternalUrl(String scheme, String host, int port) {

    /** Null when no URL is set; the schema has already checked the shape of a set one. */
    public static ExternalUrl parse(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme().toLowerCase();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return new ExternalUrl(scheme, uri.getHost(), port);
    }

    public boolean secure() {
        return "https".equals(scheme);
    }

    /** The dashboard's address, with the /pi context path it always serves under. */
    public String dashboardUrl() {
        boolean defaultPort = port == (secure() ? 443 : 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + PiPaths.CONTEXT_PATH;
    }
}
