package io.panstack.operator.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database settings Pi needs (reference panintelligence.md §4.1): table names compared without case (the
 * dashboard reports tables missing otherwise), the vendor's sql_mode, and function creators trusted because RDS
 * turns on binary logging with backups and the repository has triggers; utf8mb4 as in the vendor's compose file.
 */
public final class RdsParameters {

    private RdsParameters() {
    }

    public static Map<String, String> required() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("lower_case_table_names", "1");
        parameters.put("sql_mode", "NO_AUTO_VALUE_ON_ZERO");
        parameters.put("log_bin_trust_function_creators", "1");
        parameters.put("character_set_server", "utf8mb4");
        parameters.put("collation_server", "utf8mb4_unicode_ci");
        return parameters;
    }

    /** Parameter group family of an engine version: 10.11.6 and 10.11 both give mariadb10.11. */
    public static String family(String engineVersion) {
        String[] parts = engineVersion.split("\\.");
        return "mariadb" + parts[0] + "." + parts[1];
    }

    /**
     * What Pi cannot run without, as an adopted instance's parameter group may lack it: table names without case,
     * function creators trusted, and NO_AUTO_VALUE_ON_ZERO among the SQL modes (others may be there too).
     */
    static List<String> unfitForPi(Map<String, String> actual) {
        List<String> unfit = new ArrayList<>();
        for (String flag : List.of("lower_case_table_names", "log_bin_trust_function_creators")) {
            if (!"1".equals(actual.get(flag))) {
                unfit.add(flag + "=1 (it is " + actual.getOrDefault(flag, "the engine default") + ")");
            }
        }
        String modes = actual.getOrDefault("sql_mode", "");
        if (!List.of(modes.split(",")).contains("NO_AUTO_VALUE_ON_ZERO")) {
            unfit.add("sql_mode with NO_AUTO_VALUE_ON_ZERO (it is " + (modes.isEmpty() ? "the engine default" : modes) + ")");
        }
        return unfit;
    }

    /** The required parameters the group lacks or has with another value. */
    static Map<String, String> drift(Map<String, String> actual) {
        Map<String, String> drift = new LinkedHashMap<>();
        required().forEach((key, value) -> {
            if (actual == null || !value.equals(actual.get(key))) {
                drift.put(key, value);
            }
        });
        return drift;
    }
}
