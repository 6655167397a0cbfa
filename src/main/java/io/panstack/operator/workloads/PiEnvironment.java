package io.panstack.operator.workloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.panstack.operator.api.v1alpha1.ComponentSpec;
import io.panstack.operator.api.v1alpha1.LicenceSpec;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.kube.EnvVars;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.ExternalUrl;
import io.panstack.operator.stack.PiPaths;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;

/**
 * Environment of each component's container, with the vendor's variable names (panintelligence.md section 2).
 * Secrets are referenced, never copied in. The user's spec env comes last and replaces a variable of the same name.
 */
public final class PiEnvironment {

    private PiEnvironment() {
    }

    public static List<EnvVar> of(Stack stack, Component component) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        switch (component) {
            case DASHBOARD -> dashboard(stack, env);
            case SCHEDULER -> {
                repository(stack.database(), env);
                value(env, "SCHEDULER_DASHBOARD_URL", serviceUrl(stack, Component.DASHBOARD, PiPaths.DASHBOARD_PORT) + PiPaths.CONTEXT_PATH);
            }
            case ADMINER -> value(env, "ADMINER_DEFAULT_SERVER", stack.database().host() + ":" + stack.database().port());
            default -> {
                // The renderer, analytics and excel reader need no settings (none in any vendor example).
            }
        }
        ComponentSpec settings = component.settings(stack.spec());
        if (settings != null && settings.getEnv() != null) {
            settings.getEnv().forEach(variable -> env.put(variable.getName(), variable));
        }
        return new ArrayList<>(env.values());
    }

    private static void dashboard(Stack stack, Map<String, EnvVar> env) {
        PanStackSpec spec = stack.spec();
        repository(stack.database(), env);
        LicenceSpec licence = spec.getLicence();
        if (licence != null && licence.getSecretKeyRef() != null) {
            secret(env, "PI_LICENCE", licence.getSecretKeyRef().getName(), licence.getSecretKeyRef().getKey());
        }
        Integer heap = TomcatHeap.maxMegabytes(spec.getDashboard().resources());
        if (heap != null) {
            value(env, "PI_TOMCAT_MAX_MEMORY", heap.toString());
        }
        // The renderer calls back on the internal port, which avoids TLS trouble and is never exposed.
        value(env, "RENDERER_DASHBOARD_URL", serviceUrl(stack, Component.DASHBOARD, PiPaths.DASHBOARD_INTERNAL_PORT) + PiPaths.CONTEXT_PATH);
        moduleUrls(stack, env);
        ExternalUrl url = stack.externalUrl();
        if (url != null) {
            value(env, "PI_PROXY_ENABLED", "true");
            value(env, "PI_PROXY_SCHEME", url.scheme());
            value(env, "PI_PROXY_HOST", url.host());
            value(env, "PI_PROXY_PORT", Integer.toString(url.port()));
            value(env, "PI_PROXY_IS_SECURE", Boolean.toString(url.secure()));
            value(env, "PI_TOMCAT_COOKIE_SECURE", Boolean.toString(url.secure()));
        }
    }

    /** The dashboard's module URLs (System Variables > Modules), in both spellings the vendor's examples use. */
    private static void moduleUrls(Stack stack, Map<String, EnvVar> env) {
        PanStackSpec spec = stack.spec();
        if (Component.RENDERER.enabledIn(spec)) {
            String url = serviceUrl(stack, Component.RENDERER, PiPaths.RENDERER_PORT);
            value(env, "PI_VARIABLE_PAN_RENDERER_URL", url);
            value(env, "PAN_RENDERER_URL", url);
        }
        if (Component.SCHEDULER.enabledIn(spec)) {
            String url = serviceUrl(stack, Component.SCHEDULER, PiPaths.SCHEDULER_PORT);
            value(env, "PI_VARIABLE_PAN_SCHEDULER_URL", url);
            value(env, "PAN_SCHEDULER_URL", url);
        }
        if (Component.ANALYTICS.enabledIn(spec)) {
            value(env, "PI_VARIABLE_ANALYTICS_SERVER_URL", serviceUrl(stack, Component.ANALYTICS, PiPaths.ANALYTICS_PORT));
        }
    }

    private static void repository(DatabaseConnection database, Map<String, EnvVar> env) {
        value(env, "PI_EXTERNAL_DB", "true");
        value(env, "PI_DB_HOST", database.host());
        value(env, "PI_DB_PORT", Integer.toString(database.port()));
        value(env, "PI_DB_SCHEMA_NAME", database.schema());
        secret(env, "PI_DB_USERNAME", database.credentialsSecret(), DatabaseConnection.USERNAME_KEY);
        secret(env, "PI_DB_PASSWORD", database.credentialsSecret(), DatabaseConnection.PASSWORD_KEY);
    }

    static String serviceUrl(Stack stack, Component component, int port) {
        return "http://" + stack.names().component(component) + ":" + port;
    }

    private static void value(Map<String, EnvVar> env, String name, String value) {
        env.put(name, EnvVars.value(name, value));
    }

    private static void secret(Map<String, EnvVar> env, String name, String secret, String key) {
        env.put(name, EnvVars.fromSecret(name, secret, key));
    }
}
