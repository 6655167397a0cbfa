package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.apps.Deployment;
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
        lean.unmarshal("{\"kind\":\"DeploymentList\",\"items\":[]}", DeploymentList.class);
        assertThat(readers.made()).doesNotContain(Deployment.class);

        assertThat(ReadersAhead.make(mapper, List.of(Deployment.class))).isOne();

        assertThat(readers.made()).contains(Deployment.class, DeploymentStatus.class);
    }
}
