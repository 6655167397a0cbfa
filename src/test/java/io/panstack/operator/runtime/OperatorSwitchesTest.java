package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.pass.ReadersAhead;
import io.panstack.operator.start.ClassArchiveTraining;
import io.panstack.operator.start.StartWarmUp;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The operator's switches given as system properties (the benchmark's, the build's training run) are names Quarkus
 * knows: Quarkus refuses to start on a panstack.* name that maps to no setting (SRCFG00050), which is how
 * {@code -Dpanstack.readers-ahead=false} once made the benchmark's recording of the start's classes fail.
 */
@Tag(Tiers.UNIT)
class OperatorSwitchesTest {

    @Test
    void everySwitchIsASettingQuarkusAccepts() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, DurationConverter::parseDuration)
                .withMapping(OperatorSettings.class)
                .withValidateUnknown(true)
                .withSources(new PropertiesConfigSource(Map.of(
                        StartWarmUp.SWITCH, "false",
                        ClassArchiveTraining.SWITCH, "true",
                        ReadersAhead.SWITCH, "false"), "system properties", 400))
                .build();

        OperatorSettings settings = config.getConfigMapping(OperatorSettings.class);
        assertThat(settings.startWarmUp()).isFalse();
        assertThat(settings.classArchiveTraining()).isTrue();
        assertThat(settings.readersAhead()).isFalse();
    }
}
