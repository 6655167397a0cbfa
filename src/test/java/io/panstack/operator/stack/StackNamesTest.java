package io.panstack.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.panstack.operator.database.DatabaseCredentials;
import io.panstack.operator.database.MariaDb;
import io.panstack.operator.reconcile.DataVolumes;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;
import io.panstack.operator.workloads.ComponentDeployment;
import io.panstack.operator.workloads.DashboardDisruptionBudget;
import io.panstack.operator.workloads.DashboardIngress;
import io.panstack.operator.workloads.StackService;

/** Names of a stack's objects: valid for the API server and never shared between stacks or objects. */
@Tag(Tiers.UNIT)
class StackNamesTest {
    /** Services need DNS-1035 labels, the strictest rule any of the objects has. */
    static final String DNS_1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    /** The CRD's limit on metadata.name. */
    static final String LONGEST_NAME = "p" + "-0123456789".repeat(3) + "abcdef";

    static final String FULL_SPEC = """
            version: '2025_10.1'
            externalUrl: https://bi.example.com
            ingress:
              enabled: true
            dashboard:
              replicas: 2
            excelReader:
              enabled: true
            adminer:
              enabled: true
            files:
              persistentVolume:
                accessMode: ReadWriteMany
            """;

    /** Every object the operator would create for the stack, from the builders themselves. */
    static List<HasMetadata> objectsOf(Stack stack) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Component component : Component.values()) {
            objects.add(ComponentDeployment.desired(stack, component));
            objects.add(StackService.forComponent(stack, component));
        }
        objects.add(StackService.forMariaDb(stack));
        objects.add(MariaDb.desired(stack));
        objects.add(DatabaseCredentials.generate(stack, new SecureRandom()));
        objects.add(DataVolumes.database(stack));
        objects.add(DataVolumes.files(stack));
        objects.add(DashboardIngress.desired(stack));
        objects.add(DashboardDisruptionBudget.desired(stack));
        return objects;
    }

    static Set<String> kindAndName(Stack stack) {
        Set<String> names = new HashSet<>();
        for (HasMetadata object : objectsOf(stack)) {
            assertThat(names.add(object.getKind() + "/" + object.getMetadata().getName()))
                    .as("two %s named %s", object.getKind(), object.getMetadata().getName()).isTrue();
        }
        return names;
    }

    @Test
    void longestNameIsTheCrdsLimit() {
        assertThat(LONGEST_NAME).hasSize(40).matches(DNS_1035_LABEL);
    }

    @Test
    void everyObjectNameOfTheLongestStackIsAValidDns1035Label() {
        Stack stack = TestStacks.named(LONGEST_NAME, FULL_SPEC);

        assertThat(objectsOf(stack)).allSatisfy(object -> assertThat(object.getMetadata().getName())
                .as(object.getKind()).hasSizeLessThanOrEqualTo(63).matches(DNS_1035_LABEL));
    }

    @Test
    void everyNameHelperOfTheLongestStackIsAValidDns1035Label() {
        StackNames names = new StackNames(LONGEST_NAME);
        List<String> all = new ArrayList<>(List.of(names.mariadb(), names.databaseCredentials(),
                names.databaseVolume(), names.filesVolume(), names.ingress(), names.dashboardDisruptionBudget()));
        for (Component component : Component.values()) {
            all.add(names.component(component));
        }

        assertThat(all).allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_1035_LABEL));
    }

    @Test
    void everyObjectIsInTheStacksNamespace() {
        assertThat(objectsOf(TestStacks.withSpec(FULL_SPEC)))
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isEqualTo("analytics"));
    }

    @Test
    void everyObjectIsLabelledWithItsStackAndTheOperator() {
        assertThat(objectsOf(TestStacks.withSpec(FULL_SPEC))).allSatisfy(object -> {
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/instance", "bi")
                    .containsEntry("app.kubernetes.io/managed-by", "panstack-operator")
                    .containsEntry("app.kubernetes.io/name", "panintelligence");
            assertThat(StackLabels.stackOf(object.getMetadata().getLabels())).isEqualTo("bi");
        });
    }

    @Test
    void noTwoObjectsOfOneKindShareAName() {
        assertThat(kindAndName(TestStacks.withSpec(FULL_SPEC))).hasSize(objectsOf(TestStacks.withSpec(FULL_SPEC)).size());
    }

    /** Stack names that are another stack's name plus a suffix-like word must not produce the same child names. */
    @Test
    void stacksInOneNamespaceNeverShareAnObjectName() {
        List<String> stacks = List.of("bi", "bi-excel", "bi-mariadb", "bi-db", "bi-dashboard", "bi-files", "bi-pi");
        Set<String> seen = new HashSet<>();

        for (String name : stacks) {
            for (String object : kindAndName(TestStacks.named(name, FULL_SPEC))) {
                assertThat(seen.add(object)).as("%s of stack %s is also another stack's", object, name).isTrue();
            }
        }
    }

    @Test
    void namesAreDerivedFromTheStackNameOnly() {
        StackNames names = new StackNames("sales");

        assertThat(names.component(Component.EXCEL_READER)).isEqualTo("sales-excel-reader");
        assertThat(names.mariadb()).isEqualTo("sales-mariadb");
        assertThat(names.databaseCredentials()).isEqualTo("sales-db-credentials");
        assertThat(names.databaseVolume()).isEqualTo("sales-mariadb-data");
        assertThat(names.filesVolume()).isEqualTo("sales-files");
        assertThat(names.ingress()).isEqualTo("sales");
        assertThat(names.dashboardDisruptionBudget()).isEqualTo("sales-dashboard");
    }
}
