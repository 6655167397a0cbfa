package io.panstack.operator.stack;

import java.util.regex.Pattern;

/**
 * The syntax Kubernetes checks names against when an object is written (apimachinery's validation): a key that
 * fails here would make every write of the object that carries it fail. Pure.
 */
public final class KubernetesSyntax {
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final int NAME_MAX = 63;
    private static final int PREFIX_MAX = 253;

    public static final String QUALIFIED_NAME_RULE = "an optional DNS-subdomain prefix and '/', then at most 63"
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. example.com/team)";
    public static final String LABEL_VALUE_RULE = "at most 63 letters, digits, '-', '_' or '.', starting and ending"
            + " with a letter or digit, or empty";
    public static final String ENV_NAME_RULE = "letters, digits, '-', '_' or '.', not starting with a digit or '..',"
            + " and not '.'";

    private KubernetesSyntax() {
    }

    /** A label or annotation key. */
    public static boolean isQualifiedName(String key) {
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        String prefix = slash < 0 ? null : key.substring(0, slash);
        return name.length() <= NAME_MAX && NAME.matcher(name).matches()
                && (prefix == null || prefix.length() <= PREFIX_MAX && DNS_SUBDOMAIN.matcher(prefix).matches());
    }

    /** An annotation key: a qualified name once lower-cased, as Kubernetes checks it. */
    public static boolean isAnnotationKey(String key) {
        return isQualifiedName(key.toLowerCase(java.util.Locale.ROOT));
    }

    public static boolean isLabelValue(String value) {
        return value.isEmpty() || value.length() <= NAME_MAX && NAME.matcher(value).matches();
    }

    /** As Kubernetes: the characters above, and not ".", ".." or starting with "..". */
    public static boolean isEnvName(String name) {
        return ENV_NAME.matcher(name).matches() && !name.equals(".") && !name.startsWith("..");
    }
}
