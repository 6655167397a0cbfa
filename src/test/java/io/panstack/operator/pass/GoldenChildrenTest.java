package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.backup.BackupJobs;
import io.panstack.operator.backup.VerifyJobs;
import io.panstack.operator.database.MariaDb;
import io.panstack.operator.kube.JobServiceAccount;
import io.panstack.operator.network.NetworkIsolation;
import io.panstack.operator.reconcile.DataVolumes;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import io.panstack.operator.workloads.ComponentAutoscaler;
import io.panstack.operator.workloads.DashboardDisruptionBudget;
import io.panstack.operator.workloads.DashboardIngress;
import io.panstack.operator.workloads.StackService;

/**
 * The stamp of every child the pure builders make for every sample stays what it was. A changed stamp is a write of
 * that child in every stack at the operator's upgrade (and a rolled pod for a workload), so it must be meant: a
 * refactoring of a builder must leave this test green. When a change of a child is meant, write the file again with
 * {@code -Dgolden.write=true} and commit it with the change, so the review sees which children it touches.
 */
@Tag(Tiers.UNIT)
class GoldenChildrenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/child-stamps.txt");
    /** What the samples leave off. */
    static final Path KITCHEN_SINK = Path.of("src/test/resources/golden/kitchen-sink.yaml");
    static final String NAMESPACE = "golden";

    @Test
    void everySampleChildKeepsItsStamp() throws IOException {
        String actual = render(stamps());
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        // Line by line, so a failure names the children whose stamp changed.
        assertThat(actual.lines()).as("the stamps of the sample children (re-write " + GOLDEN
                + " with -Dgolden.write=true only when a change of these children is meant)")
                .containsExactlyElementsOf(Files.readString(GOLDEN, StandardCharsets.UTF_8).lines().toList());
    }

    /** A builder that changes on every call would rewrite its child on every reconcile: none does. */
    @Test
    void theBuildersAreDeterministic() throws IOException {
        assertThat(render(stamps())).isEqualTo(render(stamps()));
    }

    @Test
    void theGoldenFileCoversEveryBuilderAndEverySample() throws IOException {
        Map<String, String> stamps = stamps();
        assertThat(stamps.keySet().stream().map(key -> key.substring(0, key.indexOf(' '))).distinct())
                .containsExactlyInAnyOrderElementsOf(samples().map(s -> s.getFileName().toString()).toList());
        assertThat(stamps.values()).as("most builders build for most samples")
                .filteredOn(v -> !v.startsWith("not ") && !v.equals("none"))
                .hasSizeGreaterThan(stamps.size() / 2);
    }

    static String render(Map<String, String> stamps) {
        StringBuilder text = new StringBuilder();
        stamps.forEach((child, stamp) -> text.append(child).append(' ').append(stamp).append('\n'));
        return text.toString();
    }

    static Map<String, String> stamps() throws IOException {
        Map<String, String> stamps = new LinkedHashMap<>();
        for (Path sample : samples().toList()) {
            Stack stack = Stack.of(panStack(sample));
            String name = sample.getFileName().toString();
            builders(stack).forEach((child, builder) -> stamps.put(name + " " + child, stampOf(builder)));
        }
        return stamps;
    }

    /** Every pure builder of a child, by a name for the line; each is tried on every sample. */
    static Map<String, Supplier<Object>> builders(Stack stack) {
        Map<String, Supplier<Object>> builders = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            builders.put("deployment/" + component.id(),
                    () -> io.panstack.operator.workloads.ComponentDeployment.desired(stack, component));
            builders.put("service/" + component.id(), () -> StackService.forComponent(stack, component));
        }
        builders.put("statefulset/mariadb", () -> MariaDb.desired(stack));
        builders.put("service/mariadb", () -> StackService.forMariaDb(stack));
        builders.put("pdb/dashboard", () -> DashboardDisruptionBudget.desired(stack));
        builders.put("ingress/dashboard", () -> stack.spec().getIngress() == null
                || !stack.spec().getIngress().enabled() ? null : DashboardIngress.desired(stack));
        builders.put("hpa", () -> List.copyOf(ComponentAutoscaler.desired(stack).values()));
        builders.put("networkpolicies", () -> List.copyOf(NetworkIsolation.desired(stack).values()));
        builders.put("serviceaccount/jobs", () -> JobServiceAccount.desired(stack));
        builders.put("pvc/database", () -> DataVolumes.database(stack));
        builders.put("pvc/backups", () -> DataVolumes.backups(stack));
        builders.put("pvc/files", () -> DataVolumes.files(stack));
        BackupJobs.Target bucket = new BackupJobs.Target("bi-backups", "eu-west-1");
        builders.put("cronjob/backup-volume", () -> BackupJobs.cronJob(stack, BackupJobs.Target.volume()));
        builders.put("cronjob/backup-bucket", () -> BackupJobs.cronJob(stack, bucket));
        builders.put("job/backup-bucket", () -> BackupJobs.job(stack, bucket, "bi-backup-now"));
        builders.put("cronjob/verify-volume", () -> VerifyJobs.cronJob(stack, BackupJobs.Target.volume()));
        builders.put("cronjob/verify-bucket", () -> VerifyJobs.cronJob(stack, bucket));
        builders.put("job/verify-bucket", () -> VerifyJobs.job(stack, bucket, "bi-verify-now"));
        return builders;
    }

    /** The stamp the operator would give the child, or why the builder does not build it for this sample. */
    static String stampOf(Supplier<Object> builder) {
        Object built;
        try {
            built = builder.get();
        } catch (RuntimeException notForThisSample) {
            return "not built: " + notForThisSample.getClass().getSimpleName();
        }
        if (built == null) {
            return "not wanted";
        }
        List<String> stamps = new ArrayList<>();
        for (Object child : built instanceof List<?> list ? list : List.of(built)) {
            HasMetadata stamped = DesiredStamp.stamp((HasMetadata) child);
            stamps.add(stamped.getMetadata().getAnnotations().get(DesiredStamp.ANNOTATION));
        }
        return stamps.isEmpty() ? "none" : String.join(",", stamps);
    }

    /** Every PanStack in samples/, and the kitchen sink. */
    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            return Stream.concat(files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> panStackDocument(f) != null).sorted().toList().stream(), Stream.of(KITCHEN_SINK));
        }
    }

    static PanStack panStack(Path sample) {
        PanStack stack = Serialization.unmarshal(panStackDocument(sample), PanStack.class);
        stack.getMetadata().setNamespace(NAMESPACE);
        return stack;
    }

    private static String panStackDocument(Path sample) {
        try {
            for (String document : Files.readString(sample).split("(?m)^---$")) {
                if (document.matches("(?s).*(?m)^kind: PanStack$.*")) {
                    return document;
                }
            }
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
