package io.panstack.operator.workloads;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.panstack.operator.database.MariaDb;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** ClusterIP Services: one per component, and one for the in-cluster database. Pure. */
public final class StackService {
    static final String TRAEFIK_STICKY = "traefik.ingress.kubernetes.io/service.sticky.cookie";

    private StackService() {
    }

    public static Service forComponent(Stack stack, Component component) {
        List<ServicePort> ports = component.ports().stream()
                .map(port -> port(port.name(), port.port())).toList();
        ServiceBuilder service = service(stack, stack.names().component(component), component.id(), ports);
        if (component == Component.DASHBOARD && stack.spec().getDashboard().maxReplicas() > 1) {
            // A Pi session lives in one dashboard's memory. ingress-nginx is told on the Ingress; Traefik reads the
            // Service; ClientIP affinity covers clients that come through the Service itself.
            service.editMetadata().addToAnnotations(TRAEFIK_STICKY, "true").endMetadata()
                    .editSpec().withSessionAffinity("ClientIP").endSpec();
        }
        return service.build();
    }

    public static Service forMariaDb(Stack stack) {
        List<ServicePort> ports = new java.util.ArrayList<>(List.of(port("mysql", MariaDb.PORT)));
        if (stack.spec().getDatabase().inClusterOrDefault().getMetrics().enabled()) {
            ports.add(port("metrics", io.panstack.operator.api.v1alpha1.DatabaseMetricsSpec.PORT));
        }
        return service(stack, stack.names().mariadb(), StackLabels.MARIADB, ports).build();
    }

    private static ServiceBuilder service(Stack stack, String name, String component, List<ServicePort> ports) {
        Map<String, String> labels = StackLabels.of(stack.name(), component);
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace()).withLabels(labels).endMetadata()
                .withNewSpec().withType("ClusterIP")
                .withSelector(StackLabels.selector(stack.name(), component))
                .withPorts(ports).endSpec();
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }
}
