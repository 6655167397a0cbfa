package io.panstack.operator.crd.apiserver;

/**
 * One validation error, printed like the API server's {@code field.Error}: {@code spec.version: Required value}.
 *
 * @param wrongType a value of the wrong type: the API server then skips the CEL rules, which could not run on it
 */
record FieldError(FieldPath field, String detail, boolean wrongType) {

    static FieldError of(FieldPath field, String detail) {
        return new FieldError(field, detail, false);
    }

    @Override
    public String toString() {
        return field + ": " + detail;
    }
}
