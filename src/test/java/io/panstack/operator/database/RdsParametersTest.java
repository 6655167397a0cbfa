package io.panstack.operator.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class RdsParametersTest {

    @Test
    void piRequirementsAreAllThere() {
        assertThat(RdsParameters.required()).containsEntry("lower_case_table_names", "1")
                .containsEntry("sql_mode", "NO_AUTO_VALUE_ON_ZERO")
                .containsEntry("log_bin_trust_function_creators", "1")
                .containsEntry("character_set_server", "utf8mb4");
    }

    @Test
    void familyFollowsMajorAndMinorVersion() {
        assertThat(RdsParameters.family("10.11")).isEqualTo("mariadb10.11");
        assertThat(RdsParameters.family("10.11.6")).isEqualTo("mariadb10.11");
        assertThat(RdsParameters.family("11.4.3")).isEqualTo("mariadb11.4");
    }

    @Test
    void driftListsOnlyWhatIsMissingOrDifferent() {
        Map<String, String> actual = new java.util.HashMap<>(RdsParameters.required());
        actual.put("sql_mode", "STRICT_TRANS_TABLES");
        actual.remove("lower_case_table_names");
        actual.put("max_connections", "500");

        assertThat(RdsParameters.drift(actual)).containsOnly(Map.entry("sql_mode", "NO_AUTO_VALUE_ON_ZERO"),
                Map.entry("lower_case_table_names", "1"));
        assertThat(RdsParameters.drift(RdsParameters.required())).isEmpty();
    }
}
