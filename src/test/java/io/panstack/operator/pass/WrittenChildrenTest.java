package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.reconcile.PanStackReconciler;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.testsupport.Tiers;

/**
 * The workflow is skipped when the pass it builds from is the same, the stack's status aside, and its children are
 * as it left them. That holds only if no builder reads the stack's status: every child of every sample without AWS
 * is built under no status and under a full one, and must come out the same.
 */
@Tag(Tiers.UNIT)
class WrittenChildrenTest {
    static final String FULL_STATUS = """
            phase: Provisioning
            observedGeneration: 7
            url: https://bi.example.com
            awsRegion: eu-west-2
            conditions:
              - {type: Ready, status: "False", reason: RollingOut, message: x, lastTransitionTime: "2026-11-30T10:00:00Z"}
            components:
              - {name: dashboard, replicas: 2, readyReplicas: 1, updatedReplicas: 1, image: "x:1", message: starting}
            database: {mode: InCluster, host: other-host, port: 3307, schema: other, credentialsSecret: other,
                       restoredAt: "2026-11-29T10:00:00Z", volumeName: pv-1}
            backup: {lastSuccessfulTime: "2026-11-29T02:00:00Z", lastFailureTime: "2026-11-28T02:00:00Z",
                     nextScheduledTime: "2026-11-30T02:00:00Z", location: "s3://b/k.sql.gz",
                     lastOnDemandRequest: "1", lastVerifiedTime: "2026-11-29T03:00:00Z"}
            hibernation: {state: Asleep, nextWakeTime: "2026-12-01T07:00:00Z", message: sleeping}
            """;

    @SuppressWarnings("unchecked")
    static Context<PanStack> contextOf(Pass pass) {
        ManagedWorkflowAndDependentResourceContext workflow = (ManagedWorkflowAndDependentResourceContext) Proxy
                .newProxyInstance(WrittenChildrenTest.class.getClassLoader(),
                        new Class<?>[] { ManagedWorkflowAndDependentResourceContext.class },
                        (proxy, method, args) -> method.getName().equals("get") ? Optional.of(pass) : null);
        return (Context<PanStack>) Proxy.newProxyInstance(WrittenChildrenTest.class.getClassLoader(),
                new Class<?>[] { Context.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "managedWorkflowAndDependentResourceContext" -> workflow;
                    case "getSecondaryResourcesAsStream" -> Stream.empty();
                    case "getSecondaryResources" -> Set.of();
                    case "getPrimaryResource" -> pass.stack().resource();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Every child the workflow's dependents build from this pass (where their preconditions hold), as JSON. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static Map<String, String> childrenBuiltFrom(Pass pass) throws Exception {
        Map<String, String> built = new LinkedHashMap<>();
        Context<PanStack> context = contextOf(pass);
        PanStack primary = pass.stack().resource();
        for (var dependent : PanStackReconciler.class.getAnnotation(Workflow.class).dependents()) {
            Object instance = dependent.type().getDeclaredConstructor().newInstance();
            if (!dependent.reconcilePrecondition().isInterface() && !dependent.reconcilePrecondition()
                    .getDeclaredConstructor().newInstance().isMet((DependentResource) instance, primary, context)) {
                continue;
            }
            Object children = instance instanceof ByComponent<?> bulk ? bulk.desiredResources(primary, context)
                    : ((PassDependent<?>) instance).desired(primary, context);
            built.put(dependent.type().getSimpleName(), Serialization.asJson(children));
        }
        return built;
    }

    /** A PanStack whose status cannot be read: a builder that reads it fails the test, whatever the status says. */
    @Group(PanStack.GROUP)
    @Version(PanStack.VERSION)
    @Kind("PanStack")
    static final class StatusNeverRead extends PanStack {
        StatusNeverRead(PanStack stack) {
            setMetadata(stack.getMetadata());
            setSpec(stack.getSpec());
        }

        @Override
        public PanStackStatus getStatus() {
            throw new AssertionError("a builder read the stack's status");
        }
    }

    static Pass passOf(PanStack resource) {
        return new Pass(Stack.of(resource), null, true, false, null, null, false);
    }

    static List<PanStack> samplesWithoutAws() throws Exception {
        List<PanStack> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---$")) {
                    if (document.contains("kind: PanStack\n")) {
                        PanStack stack = Serialization.unmarshal(document, PanStack.class);
                        stack.getMetadata().setNamespace("analytics");
                        stack.getMetadata().setUid("uid-" + stack.getMetadata().getName());
                        if (!stack.getSpec().usesAws()) {
                            samples.add(stack);
                        }
                    }
                }
            }
        }
        return samples;
    }

    @Test
    void noBuilderReadsTheStacksStatus() throws Exception {
        List<PanStack> samples = samplesWithoutAws();
        assertThat(samples).as("samples read").hasSizeGreaterThan(5);
        for (PanStack sample : samples) {
            Pass without = passOf(sample);
            PanStack withStatus = Serialization.clone(sample);
            withStatus.setStatus(Serialization.unmarshal(FULL_STATUS, PanStackStatus.class));
            // The same pass but for the resource's status: what the pass derives from status stays as it was.
            Stack stack = without.stack();
            Pass with = new Pass(new Stack(withStatus, stack.names(), stack.database(), stack.externalUrl(),
                    stack.images(), stack.shared(), stack.sleep()), null, true, false, null, null, false);

            Map<String, String> built = childrenBuiltFrom(without);
            Pass unreadable = new Pass(new Stack(new StatusNeverRead(sample), stack.names(), stack.database(),
                    stack.externalUrl(), stack.images(), stack.shared(), stack.sleep()), null, true, false, null, null,
                    false);
            assertThat(childrenBuiltFrom(unreadable)).as(sample.getMetadata().getName() + ": status never read")
                    .isEqualTo(built);
            assertThat(built).as(sample.getMetadata().getName()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(childrenBuiltFrom(with)).as(sample.getMetadata().getName()).isEqualTo(built);
            assertThat(WrittenChildren.of(with)).as("the pass's fingerprint leaves status out")
                    .isEqualTo(WrittenChildren.of(without)).isPresent();
        }
    }

    @Test
    void thePassesFingerprintFollowsWhatTheBuildersRead() throws Exception {
        PanStack sample = samplesWithoutAws().get(0);
        Optional<CharFingerprint.Print> print = WrittenChildren.of(passOf(sample));

        PanStack newer = Serialization.clone(sample);
        newer.getMetadata().setResourceVersion("99");
        assertThat(WrittenChildren.of(passOf(newer))).as("a new resource version").isEqualTo(print);

        PanStack respecified = Serialization.clone(sample);
        respecified.getSpec().setVersion("2024_08");
        assertThat(WrittenChildren.of(passOf(respecified))).as("the spec").isNotEqualTo(print);

        PanStack labelled = Serialization.clone(sample);
        labelled.getMetadata().setLabels(Map.of("team", "bi"));
        assertThat(WrittenChildren.of(passOf(labelled))).as("the metadata").isNotEqualTo(print);

        Pass databaseDown = new Pass(Stack.of(sample), null, false, false, null, null, false);
        assertThat(WrittenChildren.of(databaseDown)).as("what the pass found").isNotEqualTo(print);
    }

    @Test
    void theWorkflowIsSkippedOnlyWhenItsChildrenAreAsItLeftThem() {
        Deployment dashboard = new DeploymentBuilder().withNewMetadata().withName("bi-dashboard").withUid("d1")
                .withGeneration(3L).withResourceVersion("10").addToAnnotations(DesiredStamp.ANNOTATION, "abc")
                .endMetadata().build();
        List<HasMetadata> cache = new ArrayList<>(List.of(dashboard));
        @SuppressWarnings("unchecked")
        Context<PanStack> context = (Context<PanStack>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Context.class }, (proxy, method, args) -> new HashSet<>(cache));
        WrittenChildren written = new WrittenChildren(List.of(Deployment.class));
        PanStack stack = new PanStack();
        stack.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withUid("s").build());
        Optional<CharFingerprint.Print> pass = Optional.of(new CharFingerprint.Print(1, 2));

        assertThat(written.nothingToWrite(stack, pass, written.children(context))).as("never ran").isFalse();
        written.ran(stack, pass, written.children(context), written.children(context));
        cache.set(0, new DeploymentBuilder(dashboard).editMetadata().withResourceVersion("11").endMetadata()
                .withNewStatus().withReadyReplicas(1).endStatus().build());
        assertThat(written.nothingToWrite(stack, pass, written.children(context))).as("only its status changed")
                .isTrue();
        assertThat(written.nothingToWrite(stack, Optional.of(new CharFingerprint.Print(1, 3)),
                written.children(context))).as("another pass").isFalse();
        assertThat(written.nothingToWrite(stack, pass, written.children(context)))
                .as("forgotten until the workflow has run again").isFalse();

        written.ran(stack, pass, written.children(context), written.children(context));
        cache.set(0, new DeploymentBuilder(dashboard).editMetadata().withGeneration(4L).endMetadata().build());
        assertThat(written.nothingToWrite(stack, pass, written.children(context))).as("someone edited its spec")
                .isFalse();
        written.ran(stack, pass, written.children(context), written.children(context));
        cache.clear();
        assertThat(written.nothingToWrite(stack, pass, written.children(context))).as("deleted").isFalse();
        written.ran(stack, pass, written.children(context), written.children(context));
        cache.add(dashboard);
        assertThat(written.nothingToWrite(stack, pass, written.children(context))).as("one more").isFalse();
        written.ran(stack, pass, written.children(context), written.children(context));
        assertThat(written.nothingToWrite(stack, Optional.empty(), written.children(context)))
                .as("a pass that cannot be fingerprinted").isFalse();
        assertThat(new WrittenChildren(List.of()).nothingToWrite(stack, pass, written.children(context)))
                .as("before the event sources are made").isFalse();

        CharFingerprint.Print before = written.children(context);
        cache.clear();
        written.ran(stack, pass, before, written.children(context));
        assertThat(written.nothingToWrite(stack, pass, written.children(context)))
                .as("a child deleted (or written) while the workflow ran: it runs again and looks").isFalse();

        written.ran(stack, pass, written.children(context), written.children(context));
        cache.add(new DeploymentBuilder(dashboard).editMetadata().addToLabels(StackLabels.COMPONENT, "renderer")
                .endMetadata().build());
        assertThat(written.nothingToWrite(stack, pass, written.children(context)))
                .as("its component label changed (the bulk dependents key children by it)").isFalse();
    }
}
