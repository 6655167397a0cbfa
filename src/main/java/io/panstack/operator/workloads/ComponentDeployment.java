package io.panstack.operator.workloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.panstack.operator.api.v1alpha1.ComponentSpec;
import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.api.v1alpha1.SchedulingSpec;
import io.panstack.operator.database.ServerSettingsCheck;
import io.panstack.operator.files.SharedFiles;
import io.panstack.operator.kube.Placement;
import io.panstack.operator.kube.PodScheduling;
import io.panstack.operator.kube.PodTemplates;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The Deployment of one Pi component (or adminer), from its descriptor and the stack's spec. Pure. */
public final class ComponentDeployment {

    private ComponentDeployment() {
    }

    public static Deployment desired(Stack stack, Component component) {
        PanStackSpec spec = stack.spec();
        ComponentSpec settings = component.settings(spec);
        String image = component.image(spec);
        Map<String, String> selector = StackLabels.selector(stack.name(), component.id());
        Map<String, String> labels = labels(stack, component);
        Map<String, String> podLabels = new LinkedHashMap<>(labels);

        PodSpecBuilder pod = new PodSpecBuilder()
                // Service links would add *_PORT variables that can clash with Pi's PI_* settings (vendor gotcha).
                .withEnableServiceLinks(false)
                .withSecurityContext(SecurityContexts.piPod());
        List<Container> initContainers = new ArrayList<>();
        SchedulingSpec scheduling = SchedulingSpec.merged(spec.getScheduling(), settings.getScheduling());
        if (component != Component.ADMINER) {
            pod.withImagePullSecrets(pullSecrets(spec));
        }
        if (component == Component.DASHBOARD) {
            initContainers.addAll(ServerSettingsCheck.of(stack)); // first: nothing starts against an unfit server
        }
        Affinity required = null;
        if (component.mountsFiles()) {
            pod.withVolumes(SharedFiles.volume(stack));
            podLabels.put(StackLabels.FILES_VOLUME, stack.names().filesVolume());
            if (spec.getFiles().oneNodeOnly()) {
                required = Placement.besideFilesVolume(stack.names().filesVolume());
            }
            if (component == Component.DASHBOARD && spec.getFiles().seedFromImage()) {
                initContainers.add(SharedFiles.seedFromImage(stack, image));
            }
        }

        PodScheduling.apply(pod, scheduling, Placement.spread(selector), required);

        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(stack.names().component(component)).withNamespace(stack.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withReplicas(component.replicas(stack))
                .withRevisionHistoryLimit(3)
                .withStrategy(strategy(component))
                .withNewSelector().withMatchLabels(selector).endSelector()
                .endSpec()
                .build();
        // Set, not built in: a builder would copy it (PodTemplates).
        deployment.getSpec().setTemplate(PodTemplates.template(PodScheduling.labels(scheduling, podLabels),
                PodScheduling.annotations(scheduling, null), PodTemplates.pod(pod, initContainers,
                        List.of(container(stack, component, settings, image)))));
        return deployment;
    }

    static Map<String, String> labels(Stack stack, Component component) {
        Map<String, String> labels = StackLabels.of(stack.name(), component.id());
        if (component != Component.ADMINER) {
            labels.put(StackLabels.VERSION, stack.spec().getVersion());
        }
        return labels;
    }

    private static Container container(Stack stack, Component component, ComponentSpec settings, String image) {
        List<ContainerPort> ports = new ArrayList<>();
        component.ports().forEach(port -> ports.add(new ContainerPortBuilder().withName(port.name())
                .withContainerPort(port.port()).withProtocol("TCP").build()));
        return new ContainerBuilder()
                .withName(component.id())
                .withImage(image)
                .withPorts(ports)
                .withEnv(PiEnvironment.of(stack, component))
                .withResources(settings.resources())
                .withStartupProbe(Probes.startup(component.health(), component.startupChecks()))
                .withReadinessProbe(Probes.readiness(component.health()))
                .withLivenessProbe(Probes.liveness(component.health()))
                .withVolumeMounts(SharedFiles.mounts(component))
                .withSecurityContext(component == Component.ADMINER
                        ? SecurityContexts.nonRootContainer()
                        : SecurityContexts.piContainer())
                .build();
    }

    /**
     * One scheduler at a time, or a report could be sent twice while two overlap; the others roll with no loss of
     * capacity (a new pod first, then an old one goes).
     */
    private static DeploymentStrategy strategy(Component component) {
        if (component == Component.SCHEDULER) {
            return new DeploymentStrategyBuilder().withType("Recreate").build();
        }
        return new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().build();
    }

    /**
     * Each named Secret once: server-side apply keys the pod's list by name, so a name given twice (or none) would
     * make every apply of the Deployment fail.
     */
    static List<LocalObjectReference> pullSecrets(PanStackSpec spec) {
        return spec.getImagePullSecrets() == null ? List.of() : spec.getImagePullSecrets().stream()
                .map(LocalObjectReference::getName).filter(name -> name != null && !name.isEmpty()).distinct()
                .map(LocalObjectReference::new).toList();
    }
}
