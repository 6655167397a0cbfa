package io.panstack.operator.stack;

import java.util.List;
import java.util.function.Function;

import io.panstack.operator.api.v1alpha1.ComponentSpec;
import io.panstack.operator.api.v1alpha1.PanStackSpec;

/**
 * The Pi services, described once each. One builder turns a descriptor into a Deployment and a Service, so the
 * services differ only in the facts below (ports, health paths, files, database use: see the vendor facts in
 * shared/reference/panintelligence.md sections 1.2, 2 and 3.1).
 */
public enum Component {
    DASHBOARD("dashboard", "server", PanStackSpec::getDashboard,
            List.of(new NamedPort("http", PiPaths.DASHBOARD_PORT), new NamedPort("internal", PiPaths.DASHBOARD_INTERNAL_PORT)),
            HealthCheck.http(PiPaths.DASHBOARD_HEALTH_PATH, PiPaths.DASHBOARD_PORT),
            // Tomcat start plus, on first start, creating the repository schema: allow 10 minutes.
            60, PiPaths.DASHBOARD_MOUNTS, true),
    RENDERER("renderer", "renderer", PanStackSpec::getRenderer,
            List.of(new NamedPort("http", PiPaths.RENDERER_PORT)),
            HealthCheck.http("/version", PiPaths.RENDERER_PORT), 30, List.of(), false),
    SCHEDULER("scheduler", "scheduler", PanStackSpec::getScheduler,
            List.of(new NamedPort("http", PiPaths.SCHEDULER_PORT)),
            HealthCheck.http("/version", PiPaths.SCHEDULER_PORT), 30, PiPaths.SCHEDULER_MOUNTS, true),
    ANALYTICS("analytics", "pirana", PanStackSpec::getAnalytics,
            List.of(new NamedPort("http", PiPaths.ANALYTICS_PORT)),
            HealthCheck.http("/version", PiPaths.ANALYTICS_PORT), 30, List.of(), false),
    // The vendor defines no health check for the excel reader: a TCP check is all that is known to hold.
    EXCEL_READER("excel-reader", "excel-reader", PanStackSpec::getExcelReader,
            List.of(new NamedPort("http", PiPaths.EXCEL_READER_PORT)),
            HealthCheck.tcp(PiPaths.EXCEL_READER_PORT), 30, List.of(), false),
    ADMINER("adminer", null, PanStackSpec::getAdminer,
            List.of(new NamedPort("http", PiPaths.ADMINER_PORT)),
            HealthCheck.http("/", PiPaths.ADMINER_PORT), 30, List.of(), false);

    private final String id;
    private final String imageName;
    private final Function<PanStackSpec, ComponentSpec> settings;
    private final List<NamedPort> ports;
    private final HealthCheck health;
    private final int startupChecks;
    private final List<FileMount> fileMounts;
    private final boolean usesRepository;

    Component(String id, String imageName, Function<PanStackSpec, ComponentSpec> settings, List<NamedPort> ports,
            HealthCheck health, int startupChecks, List<FileMount> fileMounts, boolean usesRepository) {
        this.id = id;
        this.imageName = imageName;
        this.settings = settings;
        this.ports = ports;
        this.health = health;
        this.startupChecks = startupChecks;
        this.fileMounts = fileMounts;
        this.usesRepository = usesRepository;
    }

    /** Name used in labels, object names and status. */
    public String id() { return id; }

    public List<NamedPort> ports() { return ports; }

    NamedPort mainPort() { return ports.get(0); }

    public HealthCheck health() { return health; }

    /** How many failed start-up checks (10 s apart) are allowed before the container is restarted. */
    public int startupChecks() { return startupChecks; }

    public List<FileMount> fileMounts() { return fileMounts; }

    public boolean mountsFiles() { return !fileMounts.isEmpty(); }

    /** Connects to the repository database, so it must not start before the database is ready. */
    public boolean usesRepository() { return usesRepository; }

    /**
     * Pods the operator sets the component to: none while the stack is suspended or asleep (or waking, until its
     * database takes connections), else its replicas; null when they are left to an HPA (see
     * ComponentSpec.ownedReplicas).
     */
    public Integer replicas(Stack stack) {
        return stack.spec().suspended() || stack.sleep().piStopped() ? Integer.valueOf(0)
                : settings(stack.spec()).ownedReplicas();
    }

    public ComponentSpec settings(PanStackSpec spec) {
        return settings.apply(spec);
    }

    public boolean enabledIn(PanStackSpec spec) {
        return settings(spec).enabled();
    }

    public String image(PanStackSpec spec) {
        if (imageName == null) {
            return spec.getAdminer().getImage();
        }
        return spec.getRegistry() + "/" + imageName + ":" + spec.getVersion();
    }

    public static Component byId(String id) {
        for (Component component : values()) {
            if (component.id.equals(id)) {
                return component;
            }
        }
        return null;
    }

    public record NamedPort(String name, int port) {
    }

    /** An HTTP GET health path, or a plain TCP check when {@code path} is null. */
    public record HealthCheck(String path, int port) {
        static HealthCheck http(String path, int port) {
            return new HealthCheck(path, port);
        }

        static HealthCheck tcp(int port) {
            return new HealthCheck(null, port);
        }

        public boolean isHttp() {
            return path != null;
        }
    }

    /** A folder of the shared files volume and where a container expects it. */
    public record FileMount(String folder, String mountPath) {
    }
}
