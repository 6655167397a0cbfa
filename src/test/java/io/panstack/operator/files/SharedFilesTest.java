package io.panstack.operator.files;

import static io.panstack.operator.testsupport.TestStacks.container;
import static io.panstack.operator.testsupport.TestStacks.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The shared files volume in the pods: which folders each container sees where (panintelligence.md 3.1). */
@Tag(Tiers.UNIT)
class SharedFilesTest {
    static final String RESOURCES = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/";
    static final String KEYS = "/var/panintelligence/Dashboard/keys";

    static final Stack READ_WRITE_ONCE = TestStacks.withSpec("""
            version: '2025_10.1'
            excelReader:
              enabled: true
            adminer:
              enabled: true
            """);

    static final Stack READ_WRITE_MANY = TestStacks.withSpec("""
            version: '2025_10.1'
            dashboard:
              replicas: 3
            files:
              persistentVolume:
                accessMode: ReadWriteMany
            """);

    @Test
    void dashboardMountsEachVendorFolderWhereTheImageExpectsIt() {
        List<VolumeMount> mounts = container(READ_WRITE_ONCE, Component.DASHBOARD).getVolumeMounts();

        assertThat(mounts).extracting(VolumeMount::getSubPath, VolumeMount::getMountPath).containsExactlyInAnyOrder(
                tuple("themes", RESOURCES + "themes"),
                tuple("images", RESOURCES + "images"),
                tuple("files", RESOURCES + "files"),
                tuple("svg", RESOURCES + "svg"),
                tuple("locale", RESOURCES + "locale"),
                // The vendor's sources disagree on the JDBC driver folder (3.1): both get the same folder.
                tuple("custom_jdbc", "/var/panintelligence/Dashboard/custom_jdbc"),
                tuple("custom_jdbc", "/var/panintelligence/Dashboard/tomcat/custom_jdbc_drivers"),
                tuple("keys", KEYS));
    }

    @Test
    void dashboardMountsAreWritable() {
        assertThat(container(READ_WRITE_ONCE, Component.DASHBOARD).getVolumeMounts())
                .allSatisfy(mount -> assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE));
    }

    /** The dashboard and scheduler talk over a channel encrypted with these keys, so they must share them (3.1). */
    @Test
    void schedulerMountsOnlyTheKeysAtTheSamePathAsTheDashboard() {
        List<VolumeMount> mounts = container(READ_WRITE_ONCE, Component.SCHEDULER).getVolumeMounts();

        assertThat(mounts).extracting(VolumeMount::getSubPath, VolumeMount::getMountPath)
                .containsExactly(tuple("keys", KEYS));
    }

    @Test
    void dashboardAndSchedulerMountTheSameClaim() {
        String dashboardClaim = claimOfVolume(pod(READ_WRITE_ONCE, Component.DASHBOARD),
                container(READ_WRITE_ONCE, Component.DASHBOARD).getVolumeMounts().get(0).getName());
        String schedulerClaim = claimOfVolume(pod(READ_WRITE_ONCE, Component.SCHEDULER),
                container(READ_WRITE_ONCE, Component.SCHEDULER).getVolumeMounts().get(0).getName());

        assertThat(dashboardClaim).isEqualTo("bi-files");
        assertThat(schedulerClaim).isEqualTo("bi-files");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "DASHBOARD", "SCHEDULER" })
    void everyMountRefersToTheFilesVolumeOfThePod(Component component) {
        PodSpec pod = pod(READ_WRITE_ONCE, component);

        assertThat(pod.getVolumes()).hasSize(1);
        assertThat(container(READ_WRITE_ONCE, component).getVolumeMounts())
                .allSatisfy(mount -> assertThat(mount.getName()).isEqualTo(pod.getVolumes().get(0).getName()));
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly()).isNotEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "RENDERER", "ANALYTICS", "EXCEL_READER", "ADMINER" })
    void othersMountNothingAndHaveNoVolumes(Component component) {
        assertThat(container(READ_WRITE_ONCE, component).getVolumeMounts()).isNullOrEmpty();
        assertThat(pod(READ_WRITE_ONCE, component).getVolumes()).isNullOrEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "RENDERER", "ANALYTICS", "EXCEL_READER", "ADMINER" })
    void othersAreFreeToRunOnAnyNode(Component component) {
        assertThat(pod(READ_WRITE_ONCE, component).getAffinity()).isNull();
        assertThat(pod(READ_WRITE_ONCE, component).getInitContainers()).isNullOrEmpty();
    }

    @Test
    void sharedFilesVolumeClaimIsNamedAfterTheStack() {
        Stack other = TestStacks.named("sales-bi", "version: '2025_10.1'");

        assertThat(claimOfVolume(pod(other, Component.DASHBOARD), pod(other, Component.DASHBOARD).getVolumes()
                .get(0).getName())).isEqualTo("sales-bi-files");
    }

    /** A ReadWriteOnce volume attaches to one node: the dashboard and scheduler must run on that node. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "DASHBOARD", "SCHEDULER" })
    void withReadWriteOnceFileUsersAreLabelledAndMustShareANode(Component component) {
        PodSpec pod = pod(READ_WRITE_ONCE, component);

        assertThat(TestStacks.deployment(READ_WRITE_ONCE, component).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("panstack.io/files-volume", "bi-files");
        List<PodAffinityTerm> required = pod.getAffinity().getPodAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(required).singleElement().satisfies(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getLabelSelector().getMatchLabels())
                    .isEqualTo(Map.of("panstack.io/files-volume", "bi-files"));
        });
        assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
    }

    /** The first of them must be schedulable on its own: it has to match its own affinity term. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "DASHBOARD", "SCHEDULER" })
    void withReadWriteOnceEachFileUserMatchesItsOwnAffinityTerm(Component component) {
        var deployment = TestStacks.deployment(READ_WRITE_ONCE, component);
        var term = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);

        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(term.getLabelSelector().getMatchLabels());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "DASHBOARD", "SCHEDULER" })
    void withReadWriteManyFileUsersMayRunOnAnyNode(Component component) {
        assertThat(pod(READ_WRITE_MANY, component).getAffinity()).isNull();
        assertThat(container(READ_WRITE_MANY, component).getVolumeMounts()).isNotEmpty();
    }

    /** EFS is ReadWriteMany whatever persistentVolume's (ignored, defaulted) access mode says. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Component.class, names = { "DASHBOARD", "SCHEDULER" })
    void onEfsFileUsersMayRunOnAnyNode(Component component) {
        Stack efs = TestStacks.withSpec("""
                version: '2025_10.1'
                dashboard: {replicas: 3}
                files:
                  efs: {subnetIds: [subnet-1]}
                """);

        assertThat(pod(efs, component).getAffinity()).isNull();
    }

    @Test
    void withReadWriteManyAllDashboardReplicasMountTheSameClaim() {
        assertThat(TestStacks.deployment(READ_WRITE_MANY, Component.DASHBOARD).getSpec().getReplicas()).isEqualTo(3);
        assertThat(pod(READ_WRITE_MANY, Component.DASHBOARD).getVolumes())
                .extracting(volume -> volume.getPersistentVolumeClaim().getClaimName()).containsExactly("bi-files");
    }

    @Test
    void dashboardSeedsTheVolumeFromItsOwnImageBeforeStarting() {
        PodSpec pod = pod(READ_WRITE_ONCE, Component.DASHBOARD);

        assertThat(pod.getInitContainers()).singleElement().satisfies(seed -> {
            assertThat(seed.getName()).isEqualTo("seed-files");
            assertThat(seed.getImage()).isEqualTo("ghcr.io/pi-cr/server:2025_10.1");
        });
    }

    @Test
    void seedContainerMountsTheWholeVolume() {
        PodSpec pod = pod(READ_WRITE_ONCE, Component.DASHBOARD);
        Container seed = pod.getInitContainers().get(0);

        assertThat(seed.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getSubPath()).isNullOrEmpty();
            assertThat(claimOfVolume(pod, mount.getName())).isEqualTo("bi-files");
            // Mounted beside the image's folders, not over them, or it would hide what it copies.
            assertThat(mount.getMountPath()).doesNotStartWith("/var/panintelligence");
        });
    }

    @Test
    void seedScriptCopiesOnlyIntoEmptyFoldersAndNeverDeletes() {
        String script = seedScript(READ_WRITE_ONCE);

        assertThat(script).contains("ls -A").contains("[ -z ").contains("cp ");
        assertThat(script).doesNotContain("--force").doesNotContain("mv ").doesNotContain("rm -r");
        // The only removal: the script's own marker of an unfinished copy.
        assertThat(script.lines().filter(line -> line.matches(".*\\brm\\b.*")))
                .containsExactly("    rm -f \"$marker\"");
        assertThat(script).contains("marker=\"$dst/" + SharedFiles.SEED_MARKER + "\"");
    }

    @Test
    void seedContainerHasModestResources() {
        Container seed = pod(READ_WRITE_ONCE, Component.DASHBOARD).getInitContainers().get(0);

        assertThat(seed.getResources().getLimits()).containsKey("memory");
        assertThat(seed.getResources().getRequests()).containsKeys("cpu", "memory");
    }

    @Test
    void noSeedContainerWhenSeedingIsTurnedOff() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                files:
                  seedFromImage: false
                """);

        assertThat(pod(stack, Component.DASHBOARD).getInitContainers()).isNullOrEmpty();
        assertThat(container(stack, Component.DASHBOARD).getVolumeMounts()).hasSize(8);
    }

    @Test
    void schedulerNeverSeeds() {
        assertThat(pod(READ_WRITE_ONCE, Component.SCHEDULER).getInitContainers()).isNullOrEmpty();
    }

    static String seedScript(Stack stack) {
        List<String> command = pod(stack, Component.DASHBOARD).getInitContainers().get(0).getCommand();
        assertThat(command).hasSize(3).startsWith("sh", "-c");
        return command.get(2);
    }

    private static String claimOfVolume(PodSpec pod, String volumeName) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(volumeName)).findFirst()
                .map(Volume::getPersistentVolumeClaim).map(claim -> claim.getClaimName())
                .orElseThrow(() -> new AssertionError("no volume " + volumeName));
    }
}
