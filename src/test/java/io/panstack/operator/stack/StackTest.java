package io.panstack.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** What the builders derive once from a PanStack. */
@Tag(Tiers.UNIT)
class StackTest {

    @Test
    void takesNameAndNamespaceFromTheResource() {
        Stack stack = TestStacks.named("sales", "version: '2025_10.1'");

        assertThat(stack.name()).isEqualTo("sales");
        assertThat(stack.namespace()).isEqualTo("analytics");
        assertThat(stack.names().filesVolume()).isEqualTo("sales-files");
    }

    @Test
    void inClusterDatabaseIsTheStacksMariaDbService() {
        assertThat(TestStacks.minimal().database()).isEqualTo(new Stack.DatabaseConnection(DatabaseMode.InCluster,
                "bi-mariadb", 3306, "dashboard", "bi-db-credentials"));
    }

    @Test
    void explicitInClusterModeIsTheSameAsTheDefault() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  inCluster: {}
                """);

        assertThat(stack.database()).isEqualTo(TestStacks.minimal().database());
    }

    @Test
    void externalDatabaseIsTheGivenServer() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                database:
                  schema: pi_repo
                  external:
                    host: db.example.com
                    port: 3307
                    credentialsSecretRef:
                      name: pi-db-login
                """);

        assertThat(stack.database()).isEqualTo(new Stack.DatabaseConnection(DatabaseMode.External,
                "db.example.com", 3307, "pi_repo", "pi-db-login"));
    }

    @Test
    void externalUrlIsParsedOnce() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                externalUrl: https://bi.example.com
                """);

        assertThat(stack.externalUrl()).isEqualTo(new ExternalUrl("https", "bi.example.com", 443));
        assertThat(TestStacks.minimal().externalUrl()).isNull();
    }
}
