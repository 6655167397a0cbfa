package io.panstack.operator.api.v1alpha1;

import java.util.function.Supplier;

/**
 * What differs between the optional components' settings: whether each runs by default, its CPU and memory, and
 * how its fields are described. One table for the Java model (filled in by the PanStackSpec setters) and the CRD
 * schema (written by crd/ComponentSchemaDefaults at build time), so the two cannot disagree.
 */
public enum ComponentDefaults {
    RENDERER("renderer", true, Defaults.RENDERER_RESOURCES,
            "Run the renderer. Without it, exports and scheduled reports cannot produce images or PDFs.",
            "CPU and memory. The vendor: the more resources the renderer has, the faster it renders."),
    SCHEDULER("scheduler", true, Defaults.SCHEDULER_RESOURCES,
            "Run the scheduler. It always runs as one replica, so a scheduled report is sent once.",
            "CPU and memory."),
    ANALYTICS("analytics", true, Defaults.ANALYTICS_RESOURCES,
            "Run analytics (pirana, the \"pi Predict\" module).",
            "CPU and memory."),
    EXCEL_READER("excelReader", false, Defaults.EXCEL_READER_RESOURCES,
            "Run the excel reader. The dashboard's \"Excel Reader\" module URL must then be set to"
                    + " http://<name>-excel-reader:9916 under System Variables > Modules: the vendor documents no"
                    + " variable for it.",
            "CPU and memory.");

    private final String field;
    private final boolean enabled;
    private final String resources;
    private final String enabledDescription;
    private final String resourcesDescription;

    ComponentDefaults(String field, boolean enabled, String resources, String enabledDescription,
            String resourcesDescription) {
        this.field = field;
        this.enabled = enabled;
        this.resources = resources;
        this.enabledDescription = enabledDescription;
        this.resourcesDescription = resourcesDescription;
    }

    /** The spec field holding this component's settings. */
    public String field() { return field; }
    public boolean enabled() { return enabled; }
    /** Requests and limits, as the JSON the schema's default holds. */
    public String resources() { return resources; }
    public String enabledDescription() { return enabledDescription; }
    public String resourcesDescription() { return resourcesDescription; }

    /** The settings as given, with what they leave out filled in; fresh settings when none are given. */
    <T extends OptionalComponentSpec> T applyTo(T given, Supplier<T> fresh) {
        T spec = given != null ? given : fresh.get();
        if (spec.getEnabled() == null) {
            spec.setEnabled(enabled);
        }
        if (spec.getResources() == null) {
            spec.setResources(Defaults.resources(resources));
        }
        return spec;
    }
}
