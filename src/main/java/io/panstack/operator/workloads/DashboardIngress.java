package io.panstack.operator.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.panstack.operator.api.v1alpha1.IngressSpec;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/** The Ingress to the dashboard at the external URL's host. Nothing else is routed. Pure. */
public final class DashboardIngress {
    static final String NGINX = "nginx.ingress.kubernetes.io/";

    private DashboardIngress() {
    }

    public static Ingress desired(Stack stack) {
        IngressSpec settings = stack.spec().getIngress();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (stack.spec().getDashboard().maxReplicas() > 1) {
            // Sessions live in one dashboard's memory: pin a browser to one replica (the vendor's load balancers
            // use an lb_cookie for a day).
            annotations.put(NGINX + "affinity", "cookie");
            annotations.put(NGINX + "affinity-mode", "persistent");
            annotations.put(NGINX + "session-cookie-name", "PANSTACK_ROUTE");
            annotations.put(NGINX + "session-cookie-max-age", "86400");
        }
        if (settings.getAnnotations() != null) {
            annotations.putAll(settings.getAnnotations());
        }
        String host = stack.externalUrl().host();
        IngressBuilder ingress = new IngressBuilder()
                .withNewMetadata().withName(stack.names().ingress()).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), Component.DASHBOARD.id()))
                .withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .withNewSpec()
                .withIngressClassName(settings.getClassName())
                .addNewRule().withHost(host).withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(stack.names().component(Component.DASHBOARD))
                .withNewPort().withName("http").endPort().endService().endBackend()
                .endPath().endHttp().endRule()
                .endSpec();
        if (settings.getTlsSecretName() != null) {
            ingress.editSpec().addNewTl().withHosts(host).withSecretName(settings.getTlsSecretName()).endTl().endSpec();
        }
        return ingress.build();
    }
}
