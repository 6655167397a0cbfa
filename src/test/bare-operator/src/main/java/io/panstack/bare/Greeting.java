package io.panstack.bare;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** The one custom resource of the bare operator: a spec field and a status field, as in QOSDK's samples. */
@Group("bare.panstack.io")
@Version("v1")
public class Greeting extends CustomResource<Greeting.Spec, Greeting.Status> implements Namespaced {
    public static class Spec {
        public String message;
    }

    public static class Status {
        public String observed;
    }
}
