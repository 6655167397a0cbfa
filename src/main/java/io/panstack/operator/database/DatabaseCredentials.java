package io.panstack.operator.database;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.stack.StackLabels;

/**
 * The in-cluster database's logins, generated once. The Secret is immutable: MariaDB takes the passwords only when
 * it initialises its volume, so a changed password would lock Pi out of its own repository.
 */
public final class DatabaseCredentials {
    public static final String ROOT_PASSWORD_KEY = "root-password";
    public static final String USERNAME = "panintelligence";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 32;

    private DatabaseCredentials() {
    }

    public static Secret generate(Stack stack, SecureRandom random) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(DatabaseConnection.USERNAME_KEY, base64(USERNAME));
        data.put(DatabaseConnection.PASSWORD_KEY, base64(password(random)));
        data.put(ROOT_PASSWORD_KEY, base64(password(random)));
        return secret(stack, StackLabels.MARIADB, data);
    }

    /** The RDS master login: username and password (RDS keeps no separate root login). */
    static Secret generateMaster(Stack stack, String username, SecureRandom random) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(DatabaseConnection.USERNAME_KEY, base64(username));
        data.put(DatabaseConnection.PASSWORD_KEY, base64(password(random)));
        return secret(stack, StackLabels.DATABASE, data);
    }

    private static Secret secret(Stack stack, String component, Map<String, String> data) {
        return new SecretBuilder()
                .withNewMetadata().withName(stack.names().databaseCredentials()).withNamespace(stack.namespace())
                .withLabels(StackLabels.of(stack.name(), component)).endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(data)
                .build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String password(SecureRandom random) {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
