package io.panstack.operator.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.StackLabels;

/** The PanStacks of one test namespace, judged only by what the API shows. */
final class Stacks {
    final KubernetesClient client;
    final String namespace;

    Stacks(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** kubectl apply -f - of a manifest, into this namespace. */
    void apply(String yaml) {
        Kubectl.okWithInput(yaml, "apply", "-n", namespace, "-f", "-");
    }

    Resource<PanStack> stack(String name) {
        return client.resources(PanStack.class).inNamespace(namespace).withName(name);
    }

    PanStack get(String name) {
        return stack(name).get();
    }

    void edit(String name, Consumer<PanStack> change) {
        stack(name).edit(stack -> {
            change.accept(stack);
            return stack;
        });
    }

    /** Ready=True for the current generation. */
    PanStack awaitReady(String name) {
        return await().atMost(E2eCluster.TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> get(name), Stacks::readyForItsGeneration);
    }

    static boolean readyForItsGeneration(PanStack stack) {
        return stack != null && stack.getStatus() != null
                && stack.getMetadata().getGeneration().equals(stack.getStatus().getObservedGeneration())
                && condition(stack, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<Condition> condition(PanStack stack, String type) {
        return stack.getStatus() == null || stack.getStatus().getConditions() == null ? Optional.empty()
                : stack.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The Deployments the operator made for a stack. */
    List<Deployment> deployments(String stack) {
        return client.apps().deployments().inNamespace(namespace).withLabel(StackLabels.INSTANCE, stack)
                .withLabel(StackLabels.MANAGED_BY, StackLabels.OPERATOR).list().getItems();
    }

    /** The first container's image of a Deployment. */
    String image(String deployment) {
        return client.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
    }
}
