package io.panstack.operator.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.panstack.operator.api.v1alpha1.ComponentSchedulingSpec;
import io.panstack.operator.api.v1alpha1.ComponentSpec;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.backup.CronSchedule;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.ExternalUrl;
import io.panstack.operator.stack.KubernetesSyntax;
import io.panstack.operator.status.Problem;

/**
 * Keys and names the spec copies into the stack's objects (pod labels and annotations, node selectors, env, Ingress
 * and ServiceAccount annotations), checked as Kubernetes will check them: the schema cannot (a pattern on a map's keys
 * costs too much for the API server's rule budget), and a bad one would fail every write of its object. Pure.
 */
final class SpecSyntax {
    static final String REASON = "InvalidKubernetesName";

    private SpecSyntax() {
    }

    /** The first key or name Kubernetes would refuse, or null. */
    static Problem invalid(PanStackSpec spec) {
        List<Check> checks = new ArrayList<>();
        scheduling(checks, "scheduling", spec.getScheduling());
        for (Component component : Component.values()) {
            ComponentSpec settings = component.settings(spec);
            String field = field(component);
            scheduling(checks, field + ".scheduling", settings.getScheduling());
            if (settings.getEnv() != null) {
                settings.getEnv().stream().map(EnvVar::getName).filter(name -> name != null && !name.isEmpty())
                        .forEach(name -> checks.add(new Check(field + ".env", "name", name,
                                KubernetesSyntax::isEnvName, KubernetesSyntax.ENV_NAME_RULE)));
            }
        }
        annotationKeys(checks, "ingress.annotations",
                spec.getIngress() == null ? null : spec.getIngress().getAnnotations());
        annotationKeys(checks, "jobIdentity.annotations",
                spec.getJobIdentity() == null ? null : spec.getJobIdentity().getAnnotations());
        return checks.stream().filter(check -> !check.valid().test(check.value())).findFirst()
                .map(check -> new Problem(REASON, "spec." + check.field() + " has the " + check.what() + " \""
                        + check.value() + "\", which Kubernetes refuses: it must be " + check.rule()
                        + ". Nothing was changed."))
                .orElse(null);
    }

    private record Check(String field, String what, String value, Predicate<String> valid, String rule) {
    }

    private static void scheduling(List<Check> checks, String field, ComponentSchedulingSpec scheduling) {
        if (scheduling == null) {
            return;
        }
        labels(checks, field + ".nodeSelector", scheduling.getNodeSelector());
        labels(checks, field + ".podLabels", scheduling.getPodLabels());
        annotationKeys(checks, field + ".podAnnotations", scheduling.getPodAnnotations());
    }

    private static void labels(List<Check> checks, String field, Map<String, String> labels) {
        if (labels != null) {
            labels.keySet().forEach(key -> checks.add(new Check(field, "key", key, KubernetesSyntax::isQualifiedName,
                    KubernetesSyntax.QUALIFIED_NAME_RULE)));
        }
        if (labels != null) {
            labels.values().stream().filter(value -> value != null).forEach(value -> checks.add(new Check(field,
                    "value", value, KubernetesSyntax::isLabelValue, KubernetesSyntax.LABEL_VALUE_RULE)));
        }
    }

    private static void annotationKeys(List<Check> checks, String field, Map<String, String> annotations) {
        if (annotations != null) {
            annotations.keySet().forEach(key -> checks.add(new Check(field, "key", key,
                    KubernetesSyntax::isAnnotationKey, KubernetesSyntax.QUALIFIED_NAME_RULE)));
        }
    }

    /** A backup or verification schedule a CronJob would refuse, as InvalidSchedule; or null. */
    static Problem invalidSchedule(PanStackSpec spec) {
        if (spec.getBackup() == null || !spec.backsUp()) {
            return null;
        }
        Map<String, String> schedules = new java.util.LinkedHashMap<>();
        schedules.put("backup.schedule", spec.getBackup().getSchedule());
        if (spec.getBackup().getVerify() != null && spec.getBackup().getVerify().enabled()) {
            schedules.put("backup.verify.schedule", spec.getBackup().getVerify().getSchedule());
        }
        for (Map.Entry<String, String> schedule : schedules.entrySet()) {
            String refusal = schedule.getValue() == null ? null : CronSchedule.refusal(schedule.getValue());
            if (refusal != null) {
                return new Problem("InvalidSchedule", "spec." + schedule.getKey() + " is \"" + schedule.getValue()
                        + "\", which a Kubernetes CronJob refuses: " + refusal + ". Nothing was changed.");
            }
        }
        return null;
    }

    /**
     * An externalUrl whose host Java cannot read (an empty label, a number as the last label of a name), or an Ingress
     * asked for an IP address, which Kubernetes refuses as an Ingress host: InvalidExternalUrl; or null.
     */
    static Problem invalidExternalUrl(PanStackSpec spec, ExternalUrl url) {
        if (url == null) {
            return null;
        }
        if (url.host() == null) {
            return new Problem("InvalidExternalUrl", "spec.externalUrl " + spec.getExternalUrl() + " has no host name"
                    + " or IPv4 address that can be read (an empty label, or a number as its last label?): use e.g."
                    + " https://bi.example.com. Nothing was changed.");
        }
        if (spec.getIngress() != null && spec.getIngress().enabled() && IPV4.matcher(url.host()).matches()) {
            return new Problem("InvalidExternalUrl", "ingress.enabled needs a host name in spec.externalUrl, not the"
                    + " IP address " + url.host() + ": Kubernetes refuses it as an Ingress host. Nothing was changed.");
        }
        return null;
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9.]+");

    /** The spec field of a component: excel-reader → excelReader. */
    static String field(Component component) {
        String[] words = component.id().split("-");
        StringBuilder field = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return field.toString();
    }
}
