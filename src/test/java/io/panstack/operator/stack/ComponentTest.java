package io.panstack.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.panstack.operator.api.v1alpha1.PanStackSpec;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** The component descriptors. */
@Tag(Tiers.UNIT)
class ComponentTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Component.class)
    void byIdFindsEachComponent(Component component) {
        assertThat(Component.byId(component.id())).isSameAs(component);
    }

    @Test
    void idsAreTheNamesUsersSee() {
        assertThat(Arrays.stream(Component.values()).map(Component::id))
                .containsExactly("dashboard", "renderer", "scheduler", "analytics", "excel-reader", "adminer");
    }

    @Test
    void byIdOfAnUnknownIdIsNull() {
        assertThat(Component.byId("mariadb")).isNull();
        assertThat(Component.byId("Dashboard")).isNull();
        assertThat(Component.byId("server")).isNull();
    }

    @Test
    void byDefaultTheExcelReaderAndAdminerAreOffAndTheRestOn() {
        PanStackSpec spec = TestStacks.minimal().spec();

        assertThat(Arrays.stream(Component.values()).filter(component -> component.enabledIn(spec)))
                .containsExactly(Component.DASHBOARD, Component.RENDERER, Component.SCHEDULER, Component.ANALYTICS);
    }

    @Test
    void everyOptionalComponentCanBeToggled() {
        PanStackSpec spec = TestStacks.withSpec("""
                version: '2025_10.1'
                renderer: {enabled: false}
                scheduler: {enabled: false}
                analytics: {enabled: false}
                excelReader: {enabled: true}
                adminer: {enabled: true}
                """).spec();

        assertThat(Arrays.stream(Component.values()).filter(component -> component.enabledIn(spec)))
                .containsExactly(Component.DASHBOARD, Component.EXCEL_READER, Component.ADMINER);
    }

    @Test
    void dashboardIsAlwaysOn() {
        PanStackSpec spec = TestStacks.minimal().spec();
        spec.setDashboard(null);

        assertThat(Component.DASHBOARD.enabledIn(spec)).isTrue();
    }

    /** A spec stored before a component's section existed (or with it nulled) still gets the documented default. */
    @Test
    void missingSectionsMeanTheDefaults() {
        PanStackSpec spec = TestStacks.minimal().spec();
        spec.setRenderer(null);
        spec.setExcelReader(null);
        spec.setAdminer(null);

        assertThat(Component.RENDERER.enabledIn(spec)).isTrue();
        assertThat(Component.EXCEL_READER.enabledIn(spec)).isFalse();
        assertThat(Component.ADMINER.enabledIn(spec)).isFalse();
    }

    @Test
    void onlyTheDashboardAndSchedulerUseTheRepository() {
        assertThat(Arrays.stream(Component.values()).filter(Component::usesRepository))
                .containsExactly(Component.DASHBOARD, Component.SCHEDULER);
    }

    @Test
    void onlyTheDashboardAndSchedulerMountFiles() {
        assertThat(Arrays.stream(Component.values()).filter(Component::mountsFiles))
                .containsExactly(Component.DASHBOARD, Component.SCHEDULER);
    }

    @Test
    void mainPortIsTheOneUsersAndOtherServicesCall() {
        assertThat(Component.DASHBOARD.mainPort()).isEqualTo(new Component.NamedPort("http", 8224));
        assertThat(Component.EXCEL_READER.mainPort()).isEqualTo(new Component.NamedPort("http", 9916));
    }
}
