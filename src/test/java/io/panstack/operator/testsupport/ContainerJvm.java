package io.panstack.operator.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The JVM flags the operator's container runs with, read from deploy/base/deployment.yaml so that the benchmark and
 * the tests that run the package as the container does measure what is installed: the memory limit (-XX:MaxRAM stands for the container's limit outside one), then what the ubi9
 * OpenJDK image's run-java.sh puts first (its GC unless GC_CONTAINER_OPTIONS replaces it, heap ratios, exit on
 * OutOfMemoryError), then JAVA_OPTS_APPEND; and the rest of the container's environment.
 */
public final class ContainerJvm {
    public static final Path DEPLOYMENT = Path.of("deploy", "base", "deployment.yaml");

    private ContainerJvm() {
    }

    public static List<String> flags() {
        Container operator = operatorContainer();
        Map<String, String> env = operator.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        List<String> flags = new ArrayList<>();
        Quantity limit = operator.getResources().getLimits().get("memory");
        flags.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(limit).longValue());
        flags.add("-XX:MaxRAMPercentage=80.0");
        flags.addAll(split(env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC")));
        flags.addAll(List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4",
                "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError"));
        flags.addAll(split(env.getOrDefault("JAVA_OPTS_APPEND", "")));
        return flags;
    }

    /** The container's other plain environment (MALLOC_ARENA_MAX, say): what the JVM flags are not. */
    public static Map<String, String> environment() {
        return operatorContainer().getEnv().stream()
                .filter(e -> e.getValue() != null && !JVM_VARIABLES.contains(e.getName()))
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static final List<String> JVM_VARIABLES = List.of("GC_CONTAINER_OPTIONS", "JAVA_OPTS_APPEND");

    private static Container operatorContainer() {
        try (InputStream in = Files.newInputStream(DEPLOYMENT)) {
            return Serialization.unmarshal(in, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + DEPLOYMENT, e);
        }
    }

    private static List<String> split(String flags) {
        return flags.isBlank() ? List.of() : List.of(flags.strip().split("\\s+"));
    }
}
