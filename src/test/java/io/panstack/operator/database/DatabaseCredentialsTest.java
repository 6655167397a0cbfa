package io.panstack.operator.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The generated logins of the in-cluster database. */
@Tag(Tiers.UNIT)
class DatabaseCredentialsTest {
    /** Letters and digits without the look-alikes 0/O, 1/l/I. */
    static final String UNAMBIGUOUS = "[A-HJ-NP-Za-km-z2-9]";

    static Secret generate() {
        return DatabaseCredentials.generate(TestStacks.minimal(), new SecureRandom());
    }

    static String decoded(Secret secret, String key) {
        assertThat(secret.getData()).containsKey(key);
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void isTheSecretTheComponentsReferenceByName() {
        Secret secret = generate();

        assertThat(secret.getMetadata().getName()).isEqualTo("bi-db-credentials");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("analytics");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "bi")
                .containsEntry("app.kubernetes.io/managed-by", "panstack-operator");
    }

    /** MariaDB takes the passwords only when it initialises its volume: a changed password would lock Pi out. */
    @Test
    void isImmutable() {
        assertThat(generate().getImmutable()).isTrue();
    }

    @Test
    void holdsExactlyTheKeysTheDatabaseAndComponentsRead() {
        assertThat(generate().getData()).containsOnlyKeys("username", "password", "root-password");
        assertThat(generate().getStringData()).isNullOrEmpty();
    }

    @Test
    void valuesAreBase64Encoded() {
        Secret secret = generate();

        assertThat(decoded(secret, "username")).isEqualTo("panintelligence");
        assertThat(secret.getData().get("username")).isEqualTo("cGFuaW50ZWxsaWdlbmNl");
    }

    /** Checked over many generations: a look-alike that is merely rare would slip through one. */
    @Test
    void passwordsAreLongAndEasyToReadAloud() {
        for (int i = 0; i < 100; i++) {
            Secret secret = generate();

            assertThat(decoded(secret, "password")).matches(UNAMBIGUOUS + "{32}");
            assertThat(decoded(secret, "root-password")).matches(UNAMBIGUOUS + "{32}");
        }
    }

    @Test
    void userAndRootPasswordsDiffer() {
        Secret secret = generate();

        assertThat(decoded(secret, "password")).isNotEqualTo(decoded(secret, "root-password"));
    }

    @Test
    void everyGenerationIsNew() {
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            passwords.add(decoded(generate(), "password"));
        }

        assertThat(passwords).hasSize(20);
    }

    /** A sloppy generator (e.g. one character repeated, or a narrow alphabet) shows up over many passwords. */
    @Test
    void passwordsUseTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            decoded(generate(), "password").chars().forEach(c -> seen.add((char) c));
        }

        assertThat(seen).hasSizeGreaterThan(50);
    }
}
