package io.panstack.operator.pass;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;

/**
 * The operator's client reads a list's items with a reader made at the first item (ItemsOnDemand), as its informers'
 * lean mapping does: the PanStack informer starts first, before all others, and its first list is empty on a cluster
 * without stacks.
 */
@Singleton
public class ClientMapping implements KubernetesClientObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(ItemsOnDemand.module());
    }
}
