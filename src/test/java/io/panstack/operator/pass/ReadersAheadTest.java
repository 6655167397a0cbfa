package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class ReadersAheadTest {

    /** What an empty list page leaves out (ItemsOnDemand) is made ahead: the kind's reader, all the way down. */
    @Test
    void aKindsReaderIsMadeAheadAllTheWayDown() {
        LeanReadingTest.ReadersMade readers = new LeanReadingTest.ReadersMade();
        ObjectMapper mapper = new ObjectMapper().setCacheProvider(readers);
        KubernetesSerialization lean = LeanReading.leanMapping(mapper);
        lean.registerKubernetesResource(Deployment.class); // as an informer of Deployments does (LeanReading.lean)
        lean.unmarshal("{\"kind\":\"DeploymentList\",\"items\":[]}", DeploymentList.class);
        lean.unmarshal("{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"code\":410}}",
                WatchEvent.class); // the watch event's own reader, whatever its object's kind
        assertThat(readers.made()).doesNotContain(Deployment.class);

        assertThat(ReadersAhead.make(mapper, List.of(Deployment.class))).isOne();

        assertThat(readers.made()).contains(Deployment.class, DeploymentStatus.class);
        List<Class<?>> madeAhead = readers.made();

        String deployment = lean.asJson(new DeploymentBuilder().withNewMetadata().withName("dashboard").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        lean.unmarshal("{\"kind\":\"DeploymentList\",\"items\":[" + deployment + "]}", DeploymentList.class);
        WatchEvent event = lean.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + deployment + "}", WatchEvent.class);
        assertThat(event.getObject()).isInstanceOf(Deployment.class);
        assertThat(readers.made()).as("a list page and a watch event read with the readers made ahead")
                .containsExactlyInAnyOrderElementsOf(madeAhead);
    }

    @Test
    void aKindWhoseReaderFailsIsLeftToItsFirstObjectAndTheOthersAreMade() {
        LeanReadingTest.ReadersMade readers = new LeanReadingTest.ReadersMade();
        ObjectMapper mapper = new ObjectMapper().setCacheProvider(readers);

        ReadersAhead.make(mapper, List.of(Unreadable.class, Deployment.class));

        assertThat(readers.made()).contains(Deployment.class).doesNotContain(Unreadable.class);
    }

    /** Two properties of one name: Jackson refuses to make its reader. */
    static final class Unreadable {
        @com.fasterxml.jackson.annotation.JsonProperty("a")
        public String first;
        @com.fasterxml.jackson.annotation.JsonProperty("a")
        public String second;
    }
}
