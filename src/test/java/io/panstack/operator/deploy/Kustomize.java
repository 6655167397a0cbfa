package io.panstack.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * As much of `kustomize build` as the kustomizations under deploy/ use: resources (files and directories), a
 * configMapGenerator of files without a name suffix, the namespace of namespaced objects, strategic-merge patches that
 * replace a Role's or ClusterRole's rules or merge a container's env by name, and images. Anything else fails, rather
 * than being read wrongly.
 */
final class Kustomize {
    private static final Set<String> CLUSTER_KINDS = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume");
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "configMapGenerator",
            "patches", "images");

    private Kustomize() {
    }

    @SuppressWarnings("unchecked")
    static List<HasMetadata> build(Path dir) throws IOException {
        Map<String, Object> k = yaml(dir.resolve("kustomization.yaml"));
        if (!FIELDS.containsAll(k.keySet())) {
            fail("Kustomize (the tests' reader of " + dir + "/kustomization.yaml) does not read " + k.keySet());
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String resource : (List<String>) k.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(resource).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : documents(path));
        }
        for (Map<String, Object> generator : (List<Map<String, Object>>) k.getOrDefault("configMapGenerator", List.of())) {
            objects.add(configMap(dir, generator));
        }
        String namespace = (String) k.get("namespace");
        if (namespace != null) {
            objects.stream().filter(o -> !CLUSTER_KINDS.contains(o.getKind()))
                    .forEach(o -> o.getMetadata().setNamespace(namespace));
        }
        for (Map<String, Object> entry : (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
            HasMetadata patch = entry.get("path") != null ? documents(dir.resolve((String) entry.get("path"))).get(0)
                    : parsed(Serialization.<Object>unmarshal((String) entry.get("patch"))).get(0);
            HasMetadata target = objects.stream().filter(o -> o.getKind().equals(patch.getKind())
                    && o.getMetadata().getName().equals(patch.getMetadata().getName())
                    && (patch.getMetadata().getNamespace() == null
                            || patch.getMetadata().getNamespace().equals(o.getMetadata().getNamespace())))
                    .findFirst().orElseThrow(() -> new AssertionError("patch target not found: " + id(patch)));
            if (patch instanceof ClusterRole p) {
                ((ClusterRole) target).setRules(p.getRules());
            } else if (patch instanceof Role p) {
                ((Role) target).setRules(p.getRules());
            } else if (patch instanceof Deployment p) {
                for (Container patched : p.getSpec().getTemplate().getSpec().getContainers()) {
                    Container container = containers(target).stream().filter(c -> c.getName().equals(patched.getName()))
                            .findFirst().orElseThrow();
                    for (EnvVar env : patched.getEnv()) {
                        container.getEnv().stream().filter(e -> e.getName().equals(env.getName())).findFirst()
                                .ifPresentOrElse(e -> e.setValue(env.getValue()), () -> container.getEnv().add(env));
                    }
                }
            } else {
                fail("Kustomize does not read patches of " + patch.getKind());
            }
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
            String name = (String) image.get("name");
            if (image.containsKey("digest") || !Set.of("name", "newName", "newTag").containsAll(image.keySet())) {
                fail("Kustomize reads only name, newName and newTag of images: " + image);
            }
            objects.stream().flatMap(o -> containers(o).stream())
                    .filter(c -> c.getImage().equals(name) || c.getImage().startsWith(name + ":"))
                    .forEach(c -> {
                        String tag = c.getImage().equals(name) ? null : c.getImage().substring(name.length() + 1);
                        Object newTag = image.getOrDefault("newTag", tag);
                        c.setImage(image.getOrDefault("newName", name) + (newTag == null ? "" : ":" + newTag));
                    });
        }
        return objects;
    }

    /** A configMapGenerator entry of files ("key=path" or "path"), with labels and without the hash suffix. */
    @SuppressWarnings("unchecked")
    private static HasMetadata configMap(Path dir, Map<String, Object> generator) throws IOException {
        Map<String, Object> options = (Map<String, Object>) generator.getOrDefault("options", Map.of());
        if (!Set.of("name", "files", "options").containsAll(generator.keySet())
                || !Set.of("labels", "disableNameSuffixHash").containsAll(options.keySet())
                || !Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            fail("Kustomize reads only files, labels and disableNameSuffixHash: true of a configMapGenerator: " + generator);
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String file : (List<String>) generator.get("files")) {
            String[] keyAndPath = file.contains("=") ? file.split("=", 2) : new String[] { Path.of(file).getFileName().toString(), file };
            data.put(keyAndPath[0], Files.readString(dir.resolve(keyAndPath[1])));
        }
        return new ConfigMapBuilder().withNewMetadata().withName((String) generator.get("name"))
                .withLabels((Map<String, String>) options.get("labels")).endMetadata().withData(data).build();
    }

    /** What `kubectl kustomize dir` builds, where kubectl is on the PATH (or $KUBECTL); empty without kubectl. */
    static Optional<List<HasMetadata>> kubectl(Path dir) throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        boolean present = kubectl.contains("/") ? Files.isExecutable(Path.of(kubectl))
                : Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(path -> Files.isExecutable(Path.of(path, kubectl)));
        if (!present) {
            return Optional.empty();
        }
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize " + dir + " within 60 s").isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize " + dir).isZero();
            return Optional.of(documents(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<Container> containers(HasMetadata object) {
        return object instanceof Deployment d ? d.getSpec().getTemplate().getSpec().getContainers() : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Serialization.unmarshal(in, Map.class);
        }
    }

    /** The objects of a YAML file of one or more documents. */
    static List<HasMetadata> documents(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return parsed(Serialization.unmarshal(in));
        }
    }

    static List<HasMetadata> parsed(Object parsed) {
        return parsed instanceof List<?> list ? list.stream().map(HasMetadata.class::cast).toList()
                : List.of((HasMetadata) parsed);
    }

    /** "Kind namespace/name". */
    static String id(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }
}
