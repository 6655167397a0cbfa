package io.panstack.operator.crd.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;

/**
 * The API server compiles a rule against a type built from the schema, so {@code self.ingres.enabled} fails when the
 * CRD is created ("undefined field 'ingres'"). {@link CelRules} declares self as dyn, where such a typo only shows when
 * the rule runs, and then only on the branch that reaches it. This restores the check for the common case: every
 * chain of field selections starting at self or oldSelf must follow properties the schema declares.
 *
 * <p>It stops where typing stops too: at maps, int-or-string and x-kubernetes-preserve-unknown-fields. Iteration
 * variables of macros (the x in {@code all(x, ...)}) are not followed.
 */
final class RuleFieldReferences {
    /** At the root, CEL sees apiVersion, kind and, of metadata, only name and generateName (at most 253 characters). */
    private static final Schema ROOT_METADATA = parse("""
            {"type": "object", "properties": {"name": {"type": "string", "maxLength": 253},
                                              "generateName": {"type": "string", "maxLength": 253}}}""");
    private static final Schema STRING = parse("{\"type\": \"string\"}");

    private RuleFieldReferences() {
    }

    /** Why the rule would not type-check against the schema it sits on; empty when every field exists. */
    static List<String> problems(CelAbstractSyntaxTree ast, Schema schema, boolean atRoot) {
        Set<String> problems = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.SELECT)
                .forEach(node -> {
                    List<String> fields = new ArrayList<>();
                    CelExpr expr = node.expr();
                    while (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                        fields.add(0, expr.select().field());
                        expr = expr.select().operand();
                    }
                    if (expr.getKind() == CelExpr.ExprKind.Kind.IDENT
                            && Set.of("self", "oldSelf").contains(expr.ident().name())) {
                        String problem = resolve(expr.ident().name(), fields, schema, atRoot);
                        if (problem != null) {
                            problems.add(problem);
                        }
                    }
                });
        return List.copyOf(problems);
    }

    /**
     * Strings a rule reads (or the string it sits on) that have neither maxLength nor enum. The API server estimates
     * a rule's cost from the largest value each input may hold; an unbounded string counts as the whole request
     * size, and a CRD whose rule costs too much is refused outright. Bounding the strings keeps rules cheap.
     */
    static List<String> unboundedStrings(CelAbstractSyntaxTree ast, Schema schema, boolean atRoot) {
        Set<String> found = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            List<String> fields = new ArrayList<>();
            CelExpr expr = node.expr();
            while (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                fields.add(0, expr.select().field());
                expr = expr.select().operand();
            }
            if (expr.getKind() != CelExpr.ExprKind.Kind.IDENT
                    || !Set.of("self", "oldSelf").contains(expr.ident().name())) {
                return;
            }
            Schema reached = walk(fields, schema, atRoot);
            if (reached != null && "string".equals(reached.type()) && !reached.node().has("maxLength")
                    && !reached.node().has("enum")) {
                found.add(String.join(".", fields).isEmpty() ? expr.ident().name()
                        : expr.ident().name() + "." + String.join(".", fields));
            }
        });
        return List.copyOf(found);
    }

    /** The schema a chain of field selections reaches, or null where typing stops or the field is unknown. */
    private static Schema walk(List<String> fields, Schema schema, boolean atRoot) {
        Schema current = schema;
        for (int i = 0; i < fields.size() && current != null; i++) {
            if (current.preservesUnknownFields() || current.isIntOrString() || !current.type().equals("object")) {
                return null;
            }
            String field = CelPropertyNames.unescape(fields.get(i));
            current = atRoot && i == 0 ? rootField(field, current) : current.field(field).orElse(null);
        }
        return current;
    }

    private static String resolve(String variable, List<String> fields, Schema schema, boolean atRoot) {
        Schema current = schema;
        String selected = variable;
        for (int i = 0; i < fields.size(); i++) {
            String field = CelPropertyNames.unescape(fields.get(i));
            if (current.preservesUnknownFields() || current.isIntOrString()) {
                return null;
            }
            if (!current.type().equals("object")) {
                return "type '" + current.type() + "' of " + selected + " does not support field selection ('."
                        + field + "')";
            }
            Schema next = atRoot && i == 0 ? rootField(field, current) : current.field(field).orElse(null);
            if (next == null) {
                return current.isMap() ? null : "undefined field '" + field + "' (in " + selected + "." + field + ")";
            }
            current = next;
            selected = selected + "." + field;
        }
        return null;
    }

    private static Schema rootField(String field, Schema root) {
        return switch (field) {
            case "metadata" -> ROOT_METADATA;
            case "apiVersion", "kind" -> STRING;
            default -> root.property(field).orElse(null);
        };
    }

    private static Schema parse(String json) {
        try {
            return new Schema(new ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
