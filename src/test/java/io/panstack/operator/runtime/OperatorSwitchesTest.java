package io.panstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.pass.ReadersAhead;
import io.panstack.operator.testsupport.Tiers;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The operator's switches, the panstack.* system properties its classes name in a {@code SWITCH} constant (the
 * benchmark and the build's training run pass them), are names Quarkus knows: Quarkus refuses to start on a
 * panstack.* name that maps to no setting (SRCFG00050), which is how {@code -Dpanstack.readers-ahead=false} once
 * made the benchmark's recording of the start's classes fail.
 */
@Tag(Tiers.UNIT)
class OperatorSwitchesTest {
    private static final Pattern SWITCH = Pattern.compile("static final String SWITCH = \"(panstack\\.[a-z.-]+)\"");

    @Test
    void everySwitchIsASettingQuarkusAccepts() throws IOException {
        Set<String> switches = switchesInTheSources();
        assertThat(switches).as("the SWITCH constants of src/main/java").hasSizeGreaterThanOrEqualTo(3);

        OperatorSettings settings = settings(switches.stream()
                .collect(Collectors.toMap(Function.identity(), name -> "true")));

        assertThat(settings.startWarmUp()).isTrue();
        assertThat(settings.classArchiveTraining()).isTrue();
        assertThat(settings.readersAhead()).isTrue();
    }

    @Test
    void theReadersAheadSwitchTurnsThemOff() {
        assertThat(settings(Map.of()).readersAhead()).isTrue();
        assertThat(settings(Map.of(ReadersAhead.SWITCH, "false")).readersAhead()).isFalse();
    }

    /** The settings as Quarkus would map them from these system properties, refusing a name it does not know. */
    private static OperatorSettings settings(Map<String, String> systemProperties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, DurationConverter::parseDuration)
                .withMapping(OperatorSettings.class)
                .withValidateUnknown(true)
                .withSources(new PropertiesConfigSource(systemProperties, "system properties", 400))
                .build();
        return config.getConfigMapping(OperatorSettings.class);
    }

    private static Set<String> switchesInTheSources() throws IOException {
        Set<String> switches = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher constant = SWITCH.matcher(Files.readString(file));
                while (constant.find()) {
                    switches.add(constant.group(1));
                }
            }
        }
        return switches;
    }
}
