package io.panstack.operator.database;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.panstack.operator.kube.DataObjects;
import io.panstack.operator.stack.Stack.DatabaseConnection;
import io.panstack.operator.stack.Stack;

/**
 * The RDS master login in the Secret {@code <name>-db-credentials}: generated before the instance is created, so
 * the password is stored before AWS ever sees it, and read back if a create is repeated after a crash.
 */
public final class RdsCredentials implements MasterCredentials {
    private final Stack stack;
    private final DataObjects objects;
    private final SecureRandom random;

    public RdsCredentials(Stack stack, DataObjects objects, SecureRandom random) {
        this.stack = stack;
        this.objects = objects;
        this.random = random;
    }

    @Override
    public boolean exist() {
        return password().isPresent();
    }

    @Override
    public String passwordForNewInstance(String username) {
        return password().orElseGet(() -> {
            Secret secret = DatabaseCredentials.generateMaster(stack, username, random);
            objects.create(secret, stack.resource());
            return decode(secret.getData().get(DatabaseConnection.PASSWORD_KEY));
        });
    }

    private Optional<String> password() {
        return objects.find(Secret.class, stack.namespace(), stack.names().databaseCredentials())
                .filter(secret -> DataObjects.belongsTo(secret, stack.name()))
                .map(Secret::getData)
                .map(data -> data.get(DatabaseConnection.PASSWORD_KEY))
                .map(RdsCredentials::decode);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
