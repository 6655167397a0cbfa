package io.panstack.operator.crd.apiserver;

/**
 * A path into a manifest, printed the way the API server prints it in errors: {@code spec.dashboard.env[0].name},
 * {@code spec.ingress.annotations[some-key]}; the root prints as {@code <nil>}, as in kubectl's output.
 */
record FieldPath(String text) {
    static final FieldPath ROOT = new FieldPath("");

    FieldPath child(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    FieldPath index(int index) {
        return new FieldPath(text + "[" + index + "]");
    }

    FieldPath key(String key) {
        return new FieldPath(text + "[" + key + "]");
    }

    boolean isRoot() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "<nil>" : text;
    }
}
