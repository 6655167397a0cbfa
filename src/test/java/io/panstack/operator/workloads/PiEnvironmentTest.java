package io.panstack.operator.workloads;

import static io.panstack.operator.testsupport.TestStacks.env;
import static io.panstack.operator.testsupport.TestStacks.envValues;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The containers' environment, with the vendor's variable names (panintelligence.md section 2). */
@Tag(Tiers.UNIT)
class PiEnvironmentTest {

    static final Stack EXTERNAL_DB = TestStacks.withSpec("""
            version: '2025_10.1'
            adminer:
              enabled: true
            database:
              schema: pi_repo
              external:
                host: mariadb.databases.svc.cluster.local
                port: 3307
                credentialsSecretRef:
                  name: pi-db-login
            """);

    @Nested
    class Dashboard {

        @Test
        void usesTheInClusterRepositoryByDefault() {
            Map<String, String> env = envValues(TestStacks.minimal(), Component.DASHBOARD);

            assertThat(env).containsEntry("PI_EXTERNAL_DB", "true")
                    .containsEntry("PI_DB_HOST", "bi-mariadb")
                    .containsEntry("PI_DB_PORT", "3306")
                    .containsEntry("PI_DB_SCHEMA_NAME", "dashboard");
        }

        @Test
        void databaseLoginComesFromTheGeneratedSecret() {
            Map<String, EnvVar> env = env(TestStacks.minimal(), Component.DASHBOARD);

            assertSecretRef(env.get("PI_DB_USERNAME"), "bi-db-credentials", "username");
            assertSecretRef(env.get("PI_DB_PASSWORD"), "bi-db-credentials", "password");
        }

        @Test
        void externalDatabaseModeConnectsToTheGivenServerWithTheUsersSecret() {
            Map<String, EnvVar> env = env(EXTERNAL_DB, Component.DASHBOARD);

            assertThat(env.get("PI_DB_HOST").getValue()).isEqualTo("mariadb.databases.svc.cluster.local");
            assertThat(env.get("PI_DB_PORT").getValue()).isEqualTo("3307");
            assertThat(env.get("PI_DB_SCHEMA_NAME").getValue()).isEqualTo("pi_repo");
            assertSecretRef(env.get("PI_DB_USERNAME"), "pi-db-login", "username");
            assertSecretRef(env.get("PI_DB_PASSWORD"), "pi-db-login", "password");
        }

        @Test
        void externalDatabasePortDefaultsTo3306() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    database:
                      external:
                        host: db.example.com
                        credentialsSecretRef:
                          name: pi-db-login
                    """);

            assertThat(envValues(stack, Component.DASHBOARD)).containsEntry("PI_DB_PORT", "3306");
        }

        @Test
        void licenceComesFromTheNamedSecretKey() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    licence:
                      secretKeyRef:
                        name: pi-licence
                        key: licence.xml
                    """);

            assertSecretRef(env(stack, Component.DASHBOARD).get("PI_LICENCE"), "pi-licence", "licence.xml");
        }

        @Test
        void noLicenceVariableWithoutALicence() {
            assertThat(env(TestStacks.minimal(), Component.DASHBOARD)).doesNotContainKey("PI_LICENCE");
        }

        /** The vendor pairs a 1024 MB heap with a 2048 MiB task and 3072 MB with 4096 MiB (1.2). */
        @ParameterizedTest(name = "{0} -> {1} MB")
        @CsvSource({ "2Gi, 1024", "4Gi, 3072" })
        void tomcatHeapFollowsTheMemoryLimit(String limit, String heap) {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    dashboard:
                      resources:
                        limits: {memory: %s}
                    """.formatted(limit));

            assertThat(envValues(stack, Component.DASHBOARD)).containsEntry("PI_TOMCAT_MAX_MEMORY", heap);
        }

        @Test
        void defaultResourcesGiveTheVendorsDefaultHeap() {
            assertThat(envValues(TestStacks.minimal(), Component.DASHBOARD)).containsEntry("PI_TOMCAT_MAX_MEMORY", "1024");
        }

        @Test
        void noHeapSettingWithoutAMemoryLimit() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    dashboard:
                      resources:
                        requests: {cpu: "1", memory: 4Gi}
                    """);

            assertThat(env(stack, Component.DASHBOARD)).doesNotContainKey("PI_TOMCAT_MAX_MEMORY");
        }

        /** The renderer calls back on the internal port, never exposed (2.1, RENDERER_DASHBOARD_URL). */
        @Test
        void rendererCallsBackOnTheInternalPort() {
            assertThat(envValues(TestStacks.minimal(), Component.DASHBOARD))
                    .containsEntry("RENDERER_DASHBOARD_URL", "http://bi-dashboard:28748/pi");
        }

        @Test
        void moduleUrlsPointAtTheStacksServices() {
            Map<String, String> env = envValues(TestStacks.minimal(), Component.DASHBOARD);

            assertThat(env).containsEntry("PI_VARIABLE_PAN_RENDERER_URL", "http://bi-renderer:9915")
                    .containsEntry("PAN_RENDERER_URL", "http://bi-renderer:9915")
                    .containsEntry("PI_VARIABLE_PAN_SCHEDULER_URL", "http://bi-scheduler:9917")
                    .containsEntry("PAN_SCHEDULER_URL", "http://bi-scheduler:9917")
                    .containsEntry("PI_VARIABLE_ANALYTICS_SERVER_URL", "http://bi-analytics:9918");
        }

        @Test
        void noModuleUrlsForDisabledComponents() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    renderer:
                      enabled: false
                    scheduler:
                      enabled: false
                    analytics:
                      enabled: false
                    """);

            assertThat(env(stack, Component.DASHBOARD)).doesNotContainKeys("PI_VARIABLE_PAN_RENDERER_URL",
                    "PAN_RENDERER_URL", "PI_VARIABLE_PAN_SCHEDULER_URL", "PAN_SCHEDULER_URL",
                    "PI_VARIABLE_ANALYTICS_SERVER_URL");
        }

        @Test
        void disablingOneComponentKeepsTheOthersModuleUrls() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    analytics:
                      enabled: false
                    """);

            assertThat(env(stack, Component.DASHBOARD)).doesNotContainKey("PI_VARIABLE_ANALYTICS_SERVER_URL")
                    .containsKeys("PAN_RENDERER_URL", "PAN_SCHEDULER_URL");
        }

        /** Behind TLS termination: the TECS settings (5, TLS). */
        @Test
        void httpsExternalUrlSetsTheProxySettingsAndSecureCookies() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    externalUrl: https://bi.example.com
                    """);

            assertThat(envValues(stack, Component.DASHBOARD))
                    .containsEntry("PI_PROXY_ENABLED", "true")
                    .containsEntry("PI_PROXY_SCHEME", "https")
                    .containsEntry("PI_PROXY_HOST", "bi.example.com")
                    .containsEntry("PI_PROXY_PORT", "443")
                    .containsEntry("PI_PROXY_IS_SECURE", "true")
                    .containsEntry("PI_TOMCAT_COOKIE_SECURE", "true");
        }

        @Test
        void httpExternalUrlWithAPortSetsThatPortAndInsecureCookies() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    externalUrl: http://bi.local:8080
                    """);

            assertThat(envValues(stack, Component.DASHBOARD))
                    .containsEntry("PI_PROXY_ENABLED", "true")
                    .containsEntry("PI_PROXY_SCHEME", "http")
                    .containsEntry("PI_PROXY_HOST", "bi.local")
                    .containsEntry("PI_PROXY_PORT", "8080")
                    .containsEntry("PI_PROXY_IS_SECURE", "false")
                    .containsEntry("PI_TOMCAT_COOKIE_SECURE", "false");
        }

        @Test
        void noProxySettingsWithoutAnExternalUrl() {
            assertThat(env(TestStacks.minimal(), Component.DASHBOARD).keySet())
                    .noneMatch(name -> name.startsWith("PI_PROXY_"))
                    .doesNotContain("PI_TOMCAT_COOKIE_SECURE");
        }
    }

    @Nested
    class Scheduler {

        @Test
        void usesTheSameRepositoryAsTheDashboard() {
            Map<String, EnvVar> scheduler = env(TestStacks.minimal(), Component.SCHEDULER);
            Map<String, EnvVar> dashboard = env(TestStacks.minimal(), Component.DASHBOARD);

            assertThat(scheduler.get("PI_DB_HOST").getValue()).isEqualTo("bi-mariadb");
            assertThat(scheduler.get("PI_DB_PORT").getValue()).isEqualTo("3306");
            assertThat(scheduler.get("PI_DB_SCHEMA_NAME").getValue()).isEqualTo("dashboard");
            assertSecretRef(scheduler.get("PI_DB_USERNAME"), "bi-db-credentials", "username");
            assertSecretRef(scheduler.get("PI_DB_PASSWORD"), "bi-db-credentials", "password");
            for (String name : List.of("PI_DB_HOST", "PI_DB_PORT", "PI_DB_SCHEMA_NAME", "PI_DB_USERNAME",
                    "PI_DB_PASSWORD")) {
                assertThat(scheduler.get(name)).as(name).isEqualTo(dashboard.get(name));
            }
        }

        @Test
        void usesTheExternalDatabaseInExternalMode() {
            Map<String, EnvVar> env = env(EXTERNAL_DB, Component.SCHEDULER);

            assertThat(env.get("PI_DB_HOST").getValue()).isEqualTo("mariadb.databases.svc.cluster.local");
            assertThat(env.get("PI_DB_PORT").getValue()).isEqualTo("3307");
            assertSecretRef(env.get("PI_DB_PASSWORD"), "pi-db-login", "password");
        }

        @Test
        void reachesTheDashboardOnItsMainPortUnderPi() {
            assertThat(envValues(TestStacks.minimal(), Component.SCHEDULER))
                    .containsEntry("SCHEDULER_DASHBOARD_URL", "http://bi-dashboard:8224/pi");
        }

        @Test
        void getsNoDashboardOnlySettings() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    externalUrl: https://bi.example.com
                    """);

            assertThat(env(stack, Component.SCHEDULER).keySet()).noneMatch(name -> name.startsWith("PI_PROXY_"))
                    .doesNotContain("RENDERER_DASHBOARD_URL", "PI_TOMCAT_MAX_MEMORY", "PAN_RENDERER_URL");
        }
    }

    /** The renderer has no DB access (2.3); pirana and the excel reader need none. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "RENDERER", "ANALYTICS", "EXCEL_READER" })
    void servicesWithoutRepositoryAccessGetNoDatabaseLogin(Component component) {
        assertThat(env(TestStacks.minimal(), component).keySet()).noneMatch(name -> name.startsWith("PI_DB_"));
    }

    @Test
    void adminerIsPresetToTheInClusterDatabase() {
        assertThat(envValues(TestStacks.minimal(), Component.ADMINER))
                .containsEntry("ADMINER_DEFAULT_SERVER", "bi-mariadb:3306");
    }

    @Test
    void adminerIsPresetToTheExternalDatabase() {
        assertThat(envValues(EXTERNAL_DB, Component.ADMINER))
                .containsEntry("ADMINER_DEFAULT_SERVER", "mariadb.databases.svc.cluster.local:3307");
    }

    @Test
    void adminerGetsNoDatabaseLogin() {
        assertThat(env(TestStacks.minimal(), Component.ADMINER).keySet()).noneMatch(name -> name.startsWith("PI_DB_"));
    }

    /** Secrets are referenced, never copied into the pod spec, where anyone who can read Deployments sees them. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Component.class)
    void credentialsAreNeverLiteralValues(Component component) {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                externalUrl: https://bi.example.com
                licence:
                  secretKeyRef: {name: pi-licence, key: licence}
                excelReader: {enabled: true}
                adminer: {enabled: true}
                """);

        assertThat(PiEnvironment.of(stack, component))
                .filteredOn(variable -> variable.getName().matches(".*(PASSWORD|USERNAME|LICENCE|SECRET|TOKEN).*"))
                .allSatisfy(variable -> {
                    assertThat(variable.getValue()).as(variable.getName()).isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
                });
        assertThat(PiEnvironment.of(stack, component)).extracting(EnvVar::getValue)
                .noneMatch(value -> value != null && value.matches("[A-Za-z0-9]{24,}"));
    }

    @Nested
    class UserEnvironment {

        static final String USER_ENV_SPEC = """
                version: '2025_10.1'
                dashboard:
                  env:
                    - name: PI_TOMCAT_MAX_MEMORY
                      value: "1500"
                    - name: TZ
                      value: Europe/London
                    - name: PI_TOMCAT_COOKIE_SAMESITE
                      value: none
                scheduler:
                  env:
                    - name: PI_DB_HOST
                      value: proxysql
                renderer:
                  env:
                    - name: RENDERER_LOG_LEVELS
                      value: info,error,warn
                """;

        static final Stack WITH_USER_ENV = TestStacks.withSpec(USER_ENV_SPEC);

        @Test
        void replacesTheOperatorsVariableOfTheSameName() {
            List<EnvVar> env = PiEnvironment.of(WITH_USER_ENV, Component.DASHBOARD);

            assertThat(env).filteredOn(variable -> variable.getName().equals("PI_TOMCAT_MAX_MEMORY"))
                    .singleElement().extracting(EnvVar::getValue).isEqualTo("1500");
        }

        @Test
        void addsNewVariables() {
            assertThat(envValues(WITH_USER_ENV, Component.DASHBOARD)).containsEntry("TZ", "Europe/London")
                    .containsEntry("PI_TOMCAT_COOKIE_SAMESITE", "none")
                    .containsEntry("PI_DB_HOST", "bi-mariadb");
        }

        @Test
        void appliesToTheComponentItIsSetOn() {
            assertThat(envValues(WITH_USER_ENV, Component.SCHEDULER)).containsEntry("PI_DB_HOST", "proxysql")
                    .doesNotContainKey("TZ");
            assertThat(envValues(WITH_USER_ENV, Component.RENDERER))
                    .containsEntry("RENDERER_LOG_LEVELS", "info,error,warn");
        }

        @Test
        void canReferenceASecret() {
            Stack stack = TestStacks.withSpec("""
                    version: '2025_10.1'
                    dashboard:
                      env:
                        - name: PI_LICENCE
                          valueFrom:
                            secretKeyRef: {name: my-licence, key: key}
                    """);

            assertSecretRef(env(stack, Component.DASHBOARD).get("PI_LICENCE"), "my-licence", "key");
        }

        /** Same spec, same list: a reordered env would roll the pods on every reconcile. */
        @ParameterizedTest(name = "{0}")
        @EnumSource(Component.class)
        void orderIsDeterministic(Component component) {
            List<EnvVar> first = PiEnvironment.of(WITH_USER_ENV, component);
            Stack sameSpecAgain = TestStacks.withSpec(USER_ENV_SPEC);

            assertThat(PiEnvironment.of(sameSpecAgain, component)).containsExactlyElementsOf(first);
            assertThat(PiEnvironment.of(WITH_USER_ENV, component)).containsExactlyElementsOf(first);
        }

        @Test
        void replacedVariableKeepsItsPlaceAndNewOnesComeLast() {
            List<String> names = PiEnvironment.of(WITH_USER_ENV, Component.DASHBOARD).stream().map(EnvVar::getName)
                    .toList();
            List<String> operatorNames = PiEnvironment.of(TestStacks.minimal(), Component.DASHBOARD).stream()
                    .map(EnvVar::getName).toList();

            assertThat(names).startsWith(operatorNames.toArray(String[]::new))
                    .endsWith("TZ", "PI_TOMCAT_COOKIE_SAMESITE");
        }
    }

    private static void assertSecretRef(EnvVar variable, String secret, String key) {
        assertThat(variable).as("variable").isNotNull();
        assertThat(variable.getValue()).as(variable.getName() + " literal value").isNull();
        SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
        assertThat(ref.getName()).as(variable.getName() + " secret").isEqualTo(secret);
        assertThat(ref.getKey()).as(variable.getName() + " key").isEqualTo(key);
        assertThat(ref.getOptional()).as(variable.getName() + " optional").isNotEqualTo(Boolean.TRUE);
    }
}
