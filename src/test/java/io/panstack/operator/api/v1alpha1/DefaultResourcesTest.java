package io.panstack.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The defaults parsed once give what parsing them each time gave, and each caller gets objects of its own. */
class DefaultResourcesTest {
    private static final List<String> DEFAULTS = List.of(Defaults.DASHBOARD_RESOURCES, Defaults.RENDERER_RESOURCES,
            Defaults.SCHEDULER_RESOURCES, Defaults.ANALYTICS_RESOURCES, Defaults.EXCEL_READER_RESOURCES,
            Defaults.ADMINER_RESOURCES, Defaults.MARIADB_RESOURCES, "{\"requests\":{\"cpu\":\"1.5\"}}", "{}");

    @Test
    void sameRequirementsAndSameJsonAsParsingEachTime() {
        for (String json : DEFAULTS) {
            ResourceRequirements parsed = Serialization.unmarshal(json, ResourceRequirements.class);
            for (int i = 0; i < 2; i++) { // the first call parses, the second is served from what it kept
                ResourceRequirements fromDefaults = Defaults.resources(json);
                assertThat(fromDefaults).as(json).isEqualTo(parsed);
                // The JSON, in its order, is what the children's stamps are computed over.
                assertThat(Serialization.asJson(fromDefaults)).as(json).isEqualTo(Serialization.asJson(parsed));
            }
        }
    }

    @Test
    void eachCallerGetsObjectsOfItsOwn() {
        ResourceRequirements first = Defaults.resources(Defaults.DASHBOARD_RESOURCES);
        first.getLimits().put("cpu", new Quantity("4"));
        first.getRequests().get("memory").setAmount("9");

        ResourceRequirements next = Defaults.resources(Defaults.DASHBOARD_RESOURCES);
        assertThat(next.getLimits()).doesNotContainKey("cpu");
        assertThat(next.getRequests().get("memory")).isEqualTo(new Quantity("2Gi"));
        assertThat(new DashboardSpec().getResources()).isEqualTo(next).isNotSameAs(next);
    }
}
