package io.panstack.operator.stack;

import io.panstack.operator.api.v1alpha1.Defaults;

/**
 * Images of the pods the operator starts for a stack besides Pi's (backup, restore, seeding), from the operator's
 * settings (panstack.images.*).
 *
 * @param awsCli the AWS CLI v2 with /bin/sh
 * @param dump   the MariaDB client image for a database outside the cluster
 */
public record JobImages(String awsCli, String dump, boolean dumpFollowsEngine) {
    public static final JobImages DEFAULTS = new JobImages(Defaults.AWS_CLI_IMAGE, Defaults.MARIADB_IMAGE, true);

    public JobImages(String awsCli, String dump) {
        this(awsCli, dump, true);
    }

    /**
     * The dump image with its tag set to a MariaDB version, "major.minor" of e.g. an RDS engine version (10.6.14 →
     * mariadb:10.6), so that the client matches the server; the image as it is when the version says nothing usable,
     * when it is pinned by digest, or when following the engine is switched off (a mirror holding one tag only).
     */
    public String dumpAt(String engineVersion) {
        String[] parts = engineVersion == null ? new String[0] : engineVersion.split("\\.");
        if (!dumpFollowsEngine || dump.contains("@") || parts.length < 2 || !parts[0].matches("\\d+")
                || !parts[1].matches("\\d+")) {
            return dump;
        }
        int tag = dump.lastIndexOf(':');
        String repository = tag > dump.lastIndexOf('/') ? dump.substring(0, tag) : dump;
        return repository + ":" + parts[0] + "." + parts[1];
    }
}
