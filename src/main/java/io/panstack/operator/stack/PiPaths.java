package io.panstack.operator.stack;

import java.util.List;

import io.panstack.operator.stack.Component.FileMount;

/** Ports and container paths of the Pi images, as the vendor's deployment code uses them (panintelligence.md). */
public final class PiPaths {
    public static final int DASHBOARD_PORT = 8224;
    /** Internal HTTP port the renderer calls back on ("don't expose it"). */
    public static final int DASHBOARD_INTERNAL_PORT = 28748;
    static final String DASHBOARD_HEALTH_PATH = "/pi/version";
    public static final String CONTEXT_PATH = "/pi";
    public static final int RENDERER_PORT = 9915;
    static final int EXCEL_READER_PORT = 9916;
    public static final int SCHEDULER_PORT = 9917;
    public static final int ANALYTICS_PORT = 9918;
    static final int ADMINER_PORT = 8080;

    public static final String RESOURCES = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources";
    public static final String KEYS = "/var/panintelligence/Dashboard/keys";
    /** Folders under {@link #RESOURCES} that the image ships content for and the volume takes over. */
    public static final List<String> RESOURCE_FOLDERS = List.of("themes", "images", "files", "svg", "locale");
    /** Every folder of the files volume. */
    public static final List<String> VOLUME_FOLDERS = List.of("themes", "images", "files", "svg", "locale", "custom_jdbc", "keys");

    static final List<FileMount> DASHBOARD_MOUNTS = List.of(
            new FileMount("themes", RESOURCES + "/themes"),
            new FileMount("images", RESOURCES + "/images"),
            new FileMount("files", RESOURCES + "/files"),
            new FileMount("svg", RESOURCES + "/svg"),
            new FileMount("locale", RESOURCES + "/locale"),
            // The vendor's sources disagree on the driver folder (ECS task vs docker README): mount it at both.
            new FileMount("custom_jdbc", "/var/panintelligence/Dashboard/custom_jdbc"),
            new FileMount("custom_jdbc", "/var/panintelligence/Dashboard/tomcat/custom_jdbc_drivers"),
            // Shared with the scheduler: they talk over a channel encrypted with these keys.
            new FileMount("keys", KEYS));

    static final List<FileMount> SCHEDULER_MOUNTS = List.of(new FileMount("keys", KEYS));

    private PiPaths() {
    }
}
