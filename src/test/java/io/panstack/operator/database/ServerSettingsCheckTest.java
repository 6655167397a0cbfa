package io.panstack.operator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.panstack.operator.kube.ShellScript;
import io.panstack.operator.testsupport.MariaDbServer;
import io.panstack.operator.testsupport.Tiers;

/**
 * check-server.sh, the dashboard's first init container for an external database, run with /bin/sh against a real
 * MariaDB: it lets the dashboard start only on a server with what Pi needs, and says what is missing.
 */
@Tag(Tiers.MARIADB)
class ServerSettingsCheckTest {
    static final String PASSWORD = "s3cret 'pass\" $x";

    @TempDir
    static Path temp;
    static MariaDbServer server;
    static Path script;

    @BeforeAll
    static void server() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        MariaDbServer.ensureInstalled();
        server = MariaDbServer.start(temp.resolve("external"));
        server.sql("CREATE USER 'pi'@'%' IDENTIFIED BY '" + PASSWORD.replace("'", "''") + "';");
        script = Files.writeString(temp.resolve(ServerSettingsCheck.SCRIPT),
                ShellScript.load(ServerSettingsCheck.class, ServerSettingsCheck.SCRIPT));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static MariaDbServer.Result check(String password) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "DB_HOST=127.0.0.1", "DB_PORT=" + server.port(),
                "DB_USER=pi", "MYSQL_PWD=" + password, "/bin/sh", script.toString()));
        return MariaDbServer.run(command, null);
    }

    @Test
    void aServerWithoutPisSettingsKeepsTheDashboardBackAndSaysWhatIsMissing() throws Exception {
        server.sql("SET GLOBAL log_bin_trust_function_creators = 0; SET GLOBAL sql_mode = 'STRICT_TRANS_TABLES';");

        MariaDbServer.Result run = check(PASSWORD);

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("log_bin_trust_function_creators=1 (it is 0)",
                "NO_AUTO_VALUE_ON_ZERO in sql_mode (it is 'STRICT_TRANS_TABLES')").doesNotContain("lower_case_table_names");
    }

    @Test
    void aServerWithPisSettingsLetsTheDashboardStart() throws Exception {
        server.sql("SET GLOBAL log_bin_trust_function_creators = 1;"
                + " SET GLOBAL sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO';");

        MariaDbServer.Result run = check(PASSWORD);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("has the settings Pi needs");
    }

    @Test
    void aServerItCannotAskIsNoPassAndThePasswordIsNeverShown() throws Exception {
        MariaDbServer.Result run = check("wrong " + PASSWORD);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("cannot ask 127.0.0.1:" + server.port()).doesNotContain(PASSWORD);
        assertThat(run.err()).doesNotContain(PASSWORD);
    }
}
