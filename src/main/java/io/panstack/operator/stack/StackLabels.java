package io.panstack.operator.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on every object the operator creates. The managed-by label is what the operator's informers select on, so
 * it caches only its own objects; name + instance + component select a component's pods.
 */
public final class StackLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String VERSION = "app.kubernetes.io/version";
    /** On pods that mount the files volume: with ReadWriteOnce they must share a node, found through this label. */
    public static final String FILES_VOLUME = "panstack.io/files-volume";

    static final String APP_NAME = "panintelligence";
    public static final String OPERATOR = "panstack-operator";
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    /** Component label of the in-cluster database and of the objects holding its data. */
    public static final String MARIADB = "mariadb";
    /** Component label of the RDS login Secret. */
    public static final String DATABASE = "database";
    /** Component label of the files volume. */
    public static final String FILES = "files";
    /** Component label of the Job that seeds the files volume from the bucket. */
    public static final String SEED_FILES = "seed-files";

    private StackLabels() {
    }

    /** Selects the pods of one component of one stack; immutable once a Deployment exists. */
    public static Map<String, String> selector(String stack, String component) {
        Map<String, String> labels = stackPods(stack);
        labels.put(COMPONENT, component);
        return labels;
    }

    /** Selects every pod of one stack: its Pi and database pods, and its backup, restore and seeding Jobs' pods. */
    public static Map<String, String> stackPods(String stack) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP_NAME);
        labels.put(INSTANCE, stack);
        return labels;
    }

    public static Map<String, String> of(String stack, String component) {
        Map<String, String> labels = selector(stack, component);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** Labelled by the operator for this stack: its own object. */
    public static boolean belongsTo(Map<String, String> labels, String stack) {
        return labels != null && OPERATOR.equals(labels.get(MANAGED_BY)) && stack.equals(labels.get(INSTANCE));
    }

    /** The stack an object belongs to, or null when it carries no instance label. */
    public static String stackOf(Map<String, String> labels) {
        return labels == null ? null : labels.get(INSTANCE);
    }
}
