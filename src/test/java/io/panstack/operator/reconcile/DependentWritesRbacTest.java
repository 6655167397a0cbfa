package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.panstack.operator.testsupport.DeployedRbac;
import io.panstack.operator.testsupport.DeployedRbac.Access;
import io.panstack.operator.testsupport.Tiers;

/**
 * The operator writes its dependents by server-side apply, a PATCH that creates the object when it is not there; the
 * reconciler tests run with server-side apply off (the mock API server lacks it) and so send POST and PUT instead. So
 * their RBAC check cannot see the apply: this test asks deploy/'s rights for every verb either mode sends, for every
 * dependent kind of the workflow, in a tenant's namespace. (ConfinedInstallTest and HelmChartTest keep the other
 * installs' rules the same as deploy/base's.)
 */
@Tag(Tiers.UNIT)
class DependentWritesRbacTest {
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "patch", "update", "delete");
    /** The in-cluster MariaDB holds data: deploy/ never lets the operator delete it (its precondition never flips). */
    static final String NEVER_DELETED = "statefulsets";

    @Test
    void everyDependentKindMayBeAppliedCreatedUpdatedAndDeletedInAnyNamespaceButTheDatabase() throws Exception {
        DeployedRbac rbac = DeployedRbac.load("panstack-system");
        Dependent[] dependents = PanStackReconciler.class.getAnnotation(Workflow.class).dependents();
        assertThat(dependents).hasSizeGreaterThanOrEqualTo(9);

        for (Dependent dependent : dependents) {
            Class<? extends HasMetadata> kind = ((KubernetesDependentResource<?, ?>) dependent.type()
                    .getDeclaredConstructor().newInstance()).resourceType();
            String group = HasMetadata.getGroup(kind);
            String resource = HasMetadata.getPlural(kind);
            for (String verb : VERBS) {
                Access access = new Access(verb, group, resource, null, "tenant-a", "(" + kind.getSimpleName() + ")");
                boolean wanted = !(verb.equals("delete") && resource.equals(NEVER_DELETED));
                assertThat(rbac.allows(access)).as(dependent.type().getSimpleName() + (wanted ? " needs " : " must not ")
                        + access).isEqualTo(wanted);
            }
        }
        assertThat(Arrays.stream(dependents).map(Dependent::type)).doesNotHaveDuplicates();
    }
}
