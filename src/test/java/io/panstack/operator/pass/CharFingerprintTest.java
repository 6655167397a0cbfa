package io.panstack.operator.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class CharFingerprintTest {

    static CharFingerprint.Print printOf(String text) {
        CharFingerprint fingerprint = new CharFingerprint();
        fingerprint.write(text, 0, text.length());
        return fingerprint.print();
    }

    @Test
    void theSameTextGivesTheSamePrintHoweverItIsWritten() {
        String text = "{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"bi-dashboard\"}} – 東京 𝄞";
        CharFingerprint.Print whole = printOf(text);
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            CharFingerprint pieces = new CharFingerprint();
            int at = 0;
            while (at < text.length()) {
                int count = Math.min(text.length() - at, random.nextInt(10));
                switch (round % 3) {
                    case 0 -> pieces.write(text.toCharArray(), at, count);
                    case 1 -> pieces.write(text, at, count);
                    default -> {
                        for (int i = at; i < at + count; i++) {
                            pieces.write(text.charAt(i));
                        }
                    }
                }
                at += count;
            }
            assertThat(pieces.print()).isEqualTo(whole);
        }
    }

    /** Texts that differ a little (a character, a trailing NUL, Java's own hash collisions) have different prints. */
    @Test
    void textsThatDifferHaveDifferentPrints() {
        assertThat(printOf("Aa")).as("String.hashCode collides here").isNotEqualTo(printOf("BB"));
        assertThat(printOf("a")).isNotEqualTo(printOf("a\0"));
        assertThat(printOf("")).isNotEqualTo(printOf("\0"));
        assertThat(printOf("12345678")).isNotEqualTo(printOf("123456789"));

        Set<CharFingerprint.Print> prints = new HashSet<>();
        String base = "{\"image\":\"panintelligence/dashboard:2025_10.1\",\"replicas\":1}".repeat(3);
        for (int at = 0; at < base.length(); at++) {
            for (char c = ' '; c < '~'; c++) {
                if (c != base.charAt(at)) {
                    prints.add(printOf(base.substring(0, at) + c + base.substring(at + 1)));
                }
            }
        }
        prints.add(printOf(base));
        assertThat(prints).as("every one-character change of the text, and the text").hasSize(
                base.length() * ('~' - ' ' - 1) + 1);
    }
}
