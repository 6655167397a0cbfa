package io.panstack.operator.stack;

import org.junit.jupiter.api.Tag;
import io.panstack.operator.testsupport.Tiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** spec.externalUrl, split for the dashboard's PI_PROXY_* settings and the Ingress. */
@Tag(Tiers.UNIT)
class ExternalUrlTest {

    @Test
    void httpsUrlWithoutAPortUses443() {
        assertThat(ExternalUrl.parse("https://bi.example.com")).isEqualTo(new ExternalUrl("https", "bi.example.com", 443));
    }

    @Test
    void httpUrlWithoutAPortUses80() {
        assertThat(ExternalUrl.parse("http://bi.example.com")).isEqualTo(new ExternalUrl("http", "bi.example.com", 80));
    }

    @Test
    void explicitPortIsKept() {
        assertThat(ExternalUrl.parse("http://h:8080")).isEqualTo(new ExternalUrl("http", "h", 8080));
    }

    @Test
    void trailingSlashIsIgnored() {
        assertThat(ExternalUrl.parse("https://bi.example.com/")).isEqualTo(ExternalUrl.parse("https://bi.example.com"));
        assertThat(ExternalUrl.parse("http://h:8080/")).isEqualTo(new ExternalUrl("http", "h", 8080));
    }

    @Test
    void httpsIsSecureAndHttpIsNot() {
        assertThat(ExternalUrl.parse("https://bi.example.com").secure()).isTrue();
        assertThat(ExternalUrl.parse("http://bi.example.com").secure()).isFalse();
    }

    /** Pi always serves under /pi (panintelligence.md 2.1, "External URL / base path"). */
    @Test
    void dashboardUrlAddsThePiContextPath() {
        assertThat(ExternalUrl.parse("https://bi.example.com").dashboardUrl()).isEqualTo("https://bi.example.com/pi");
    }

    @Test
    void dashboardUrlKeepsANonDefaultPort() {
        assertThat(ExternalUrl.parse("http://h:8080").dashboardUrl()).isEqualTo("http://h:8080/pi");
        assertThat(ExternalUrl.parse("https://h:8443/").dashboardUrl()).isEqualTo("https://h:8443/pi");
    }

    @Test
    void dashboardUrlLeavesOutTheDefaultPort() {
        assertThat(ExternalUrl.parse("https://bi.example.com:443").dashboardUrl()).isEqualTo("https://bi.example.com/pi");
        assertThat(ExternalUrl.parse("http://bi.example.com/").dashboardUrl()).isEqualTo("http://bi.example.com/pi");
    }

    @Test
    void dashboardUrlHasNoDoubleSlash() {
        assertThat(ExternalUrl.parse("https://bi.example.com/").dashboardUrl()).doesNotContain("//pi");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   " })
    void noUrlWhenUnset(String url) {
        assertThat(ExternalUrl.parse(url)).isNull();
    }
}
