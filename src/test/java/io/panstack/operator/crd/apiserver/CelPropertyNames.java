package io.panstack.operator.crd.apiserver;

import java.util.Set;

/**
 * How the API server names object properties in CEL: a property whose name is a CEL reserved word (namespace, in,
 * if, ...) is reached as __namespace__, and "__", ".", "-" and "/" in a name are spelled out. Map keys are not
 * escaped (they are read with [] or has(self.key) on a map, as written).
 */
final class CelPropertyNames {
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");

    private CelPropertyNames() {
    }

    static String escape(String property) {
        if (RESERVED.contains(property)) {
            return "__" + property + "__";
        }
        return property.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__")
                .replace("/", "__slash__");
    }

    static String unescape(String celName) {
        if (celName.startsWith("__") && celName.endsWith("__") && RESERVED.contains(celName.substring(2, celName.length() - 2))) {
            return celName.substring(2, celName.length() - 2);
        }
        return celName.replace("__dot__", ".").replace("__dash__", "-").replace("__slash__", "/")
                .replace("__underscores__", "__");
    }
}
