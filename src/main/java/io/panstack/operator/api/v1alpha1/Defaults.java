package io.panstack.operator.api.v1alpha1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Default values of the spec, shared by the schema ({@code @Default}) and the Java model's initial values, so the
 * operator behaves the same whether or not the API server has applied the schema defaults.
 */
public final class Defaults {
    public static final String REGISTRY = "ghcr.io/pi-cr";
    public static final String DELETION_POLICY = "Retain";
    public static final String SCHEMA = "dashboard";
    /** Pi needs lower_case_table_names=1, which MariaDB only accepts on a fresh data directory; 10.11 is the LTS the vendor's RDS uses. */
    public static final String MARIADB_IMAGE = "mariadb:10.11";
    public static final String ADMINER_IMAGE = "adminer:4.8.1";
    public static final String DATABASE_STORAGE = "20Gi";
    /** The vendor asks for "around 1Gb" for images, themes, SVG, custom JDBC and locale; 5Gi leaves room for uploads. */
    public static final String FILES_STORAGE = "5Gi";
    public static final String ACCESS_MODE = "ReadWriteOnce";
    public static final int DATABASE_PORT = 3306;
    public static final String RDS_INSTANCE_CLASS = "db.t3.medium";
    /** The vendor's RDS engine line; AWS picks the newest 10.11 minor. */
    public static final String RDS_ENGINE_VERSION = "10.11";
    public static final int RDS_STORAGE_GIB = 20;
    public static final int RDS_BACKUP_RETENTION_DAYS = 7;
    /** The vendor's ATM example logs in as "panintelligence". */
    public static final String RDS_MASTER_USERNAME = "panintelligence";
    public static final String EFS_ROOT_DIRECTORY = "/panstack";
    /** Pinned, so a seeding pod runs the CLI the seeding script was tested against. */
    public static final String AWS_CLI_IMAGE = "amazon/aws-cli:2.17.0";

    // Memory limits follow the vendor's task sizes (ATM/TECS: 2048 MiB, scheduler 512 MiB). Memory requests equal limits
    // for the JVM services so a node under pressure does not kill them first; CPU has requests only.
    public static final String DASHBOARD_RESOURCES = "{\"requests\":{\"cpu\":\"500m\",\"memory\":\"2Gi\"},\"limits\":{\"memory\":\"2Gi\"}}";
    public static final String RENDERER_RESOURCES = "{\"requests\":{\"cpu\":\"250m\",\"memory\":\"1Gi\"},\"limits\":{\"memory\":\"2Gi\"}}";
    public static final String SCHEDULER_RESOURCES = "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"512Mi\"},\"limits\":{\"memory\":\"512Mi\"}}";
    public static final String ANALYTICS_RESOURCES = "{\"requests\":{\"cpu\":\"250m\",\"memory\":\"1Gi\"},\"limits\":{\"memory\":\"2Gi\"}}";
    public static final String EXCEL_READER_RESOURCES = "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"256Mi\"},\"limits\":{\"memory\":\"1Gi\"}}";
    public static final String ADMINER_RESOURCES = "{\"requests\":{\"cpu\":\"50m\",\"memory\":\"64Mi\"},\"limits\":{\"memory\":\"256Mi\"}}";
    public static final String MARIADB_RESOURCES = "{\"requests\":{\"cpu\":\"250m\",\"memory\":\"1Gi\"},\"limits\":{\"memory\":\"1Gi\"}}";

    /** A PanStack's name as the CRD allows it (it names Services): what PanStackBackup and PanStackRestore refer to. */
    public static final String STACK_NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /** A Kubernetes object name (DNS-1123 subdomain): what the operator puts in an API path, never a path itself. */
    public static final String OBJECT_NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
    /** A positive Kubernetes quantity for storage sizes, e.g. 20Gi or 500M. */
    public static final String STORAGE_SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$";
    public static final String NONZERO_SIZE_RULE = "!self.matches('^[0.]+[A-Za-z]*$')";

    private Defaults() {
    }

    /**
     * Fresh requirements from one of the JSON defaults above, parsed once: a PanStack's spec is made each time one is
     * read (every watch event and answer), and parsing these made an eighth of what the operator allocated while
     * stacks converged. Each call returns new objects, which the caller may change.
     */
    static ResourceRequirements resources(String json) {
        QuantitiesAsText parsed = PARSED_RESOURCES.computeIfAbsent(json, QuantitiesAsText::parse);
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(quantities(parsed.requests()));
        requirements.setLimits(quantities(parsed.limits()));
        return requirements;
    }

    private static final Map<String, QuantitiesAsText> PARSED_RESOURCES = new ConcurrentHashMap<>();

    /** Requests and limits, each resource to its quantity as written, in the JSON's order. */
    private record QuantitiesAsText(Map<String, String> requests, Map<String, String> limits) {
        static QuantitiesAsText parse(String json) {
            ResourceRequirements requirements = Serialization.unmarshal(json, ResourceRequirements.class);
            return new QuantitiesAsText(asText(requirements.getRequests()), asText(requirements.getLimits()));
        }

        private static Map<String, String> asText(Map<String, Quantity> quantities) {
            if (quantities == null) {
                return null;
            }
            Map<String, String> text = new LinkedHashMap<>();
            quantities.forEach((resource, quantity) -> text.put(resource, quantity.toString()));
            return Collections.unmodifiableMap(text);
        }
    }

    private static Map<String, Quantity> quantities(Map<String, String> text) {
        if (text == null) {
            return null;
        }
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        text.forEach((resource, quantity) -> quantities.put(resource, new Quantity(quantity)));
        return quantities;
    }
}
