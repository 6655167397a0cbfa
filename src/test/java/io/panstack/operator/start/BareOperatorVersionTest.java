package io.panstack.operator.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

/**
 * The bare QOSDK operator (src/test/bare-operator), the start's floor in the benchmark, is built on the operator's
 * own Quarkus platform: a floor of another version would compare two frameworks, not this operator with its own.
 */
@Tag(Tiers.UNIT)
class BareOperatorVersionTest {
    private static final Pattern PLATFORM = Pattern.compile("<quarkus\\.platform\\.version>([^<]+)<");

    @Test
    void theBareOperatorIsBuiltOnTheOperatorsQuarkusPlatform() throws IOException {
        String operator = platformVersion(Path.of("pom.xml"));
        assertThat(platformVersion(Path.of("src", "test", "bare-operator", "pom.xml"))).isEqualTo(operator);
    }

    private static String platformVersion(Path pom) throws IOException {
        Matcher version = PLATFORM.matcher(Files.readString(pom));
        assertThat(version.find()).as("%s names quarkus.platform.version", pom).isTrue();
        return version.group(1);
    }
}
