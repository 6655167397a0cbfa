package io.panstack.operator.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.workloads.ComponentDeployment;
import io.panstack.operator.workloads.PiEnvironment;

/**
 * PanStacks for unit tests, written as a user would write them (YAML), read the way the operator reads them
 * (fabric8's deserialiser, so the Java model's defaults apply to everything left out).
 */
public final class TestStacks {
    public static final String NAME = "bi";
    public static final String NAMESPACE = "analytics";
    public static final String VERSION = "2025_10.1";

    private TestStacks() {
    }

    /** A PanStack named {@value #NAME} in {@value #NAMESPACE} with the given spec (YAML, not indented). */
    public static Stack withSpec(String spec) {
        return named(NAME, spec);
    }

    /** Only the required field: everything else is the operator's defaults. */
    public static Stack minimal() {
        return withSpec("version: '" + VERSION + "'");
    }

    public static Stack named(String name, String spec) {
        return Stack.of(resource(name, spec));
    }

    public static PanStack resource(String name, String spec) {
        String yaml = """
                apiVersion: panstack.io/v1alpha1
                kind: PanStack
                metadata:
                  name: %s
                spec:
                %s""".formatted(name, spec.stripIndent().indent(2));
        PanStack panStack = Serialization.unmarshal(yaml, PanStack.class);
        panStack.getMetadata().setNamespace(NAMESPACE);
        return panStack;
    }

    public static Deployment deployment(Stack stack, Component component) {
        return ComponentDeployment.desired(stack, component);
    }

    public static PodSpec pod(Stack stack, Component component) {
        return deployment(stack, component).getSpec().getTemplate().getSpec();
    }

    /** The component's one main container. */
    public static Container container(Stack stack, Component component) {
        List<Container> containers = pod(stack, component).getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected one container in " + component.id() + ", got " + containers.size());
        }
        return containers.get(0);
    }

    /** Environment by variable name; fails on a duplicate name (the API server would keep only one). */
    public static Map<String, EnvVar> envByName(List<EnvVar> env) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        for (EnvVar variable : env) {
            if (byName.put(variable.getName(), variable) != null) {
                throw new AssertionError("environment variable " + variable.getName() + " is set twice");
            }
        }
        return byName;
    }

    public static Map<String, EnvVar> env(Stack stack, Component component) {
        return envByName(PiEnvironment.of(stack, component));
    }

    /** Literal values only (variables from Secrets map to null). */
    public static Map<String, String> envValues(Stack stack, Component component) {
        Map<String, String> values = new LinkedHashMap<>();
        env(stack, component).forEach((name, variable) -> values.put(name, variable.getValue()));
        return values;
    }
}
