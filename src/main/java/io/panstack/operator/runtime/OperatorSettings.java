package io.panstack.operator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.Defaults;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the operator, in one place: {@code panstack.*} in application.properties, or the environment
 * (PANSTACK_AWS_POLL_FAST, PANSTACK_IMAGES_AWS_CLI, ...). Per-stack choices live in the PanStack's spec instead.
 */
@ConfigMapping(prefix = "panstack")
public interface OperatorSettings {

    /** How often a stalled stack looks again at the Secrets it refers to (they are not watched). */
    @WithDefault("30s")
    Duration stalledRecheckInterval();

    /**
     * How soon a stack being made or rolled out (phase Provisioning) is first looked at again whatever the events,
     * so a child's status change that never reached the operator (a lost or mis-filtered watch event) does not park
     * it until the 10-minute resync; later rechecks come after half the time it has been converging, at most every 5
     * minutes (ConvergingRecheck). 0 turns them off.
     */
    @WithDefault("30s")
    Duration convergingRecheckInterval();

    /**
     * Whether a second thread loads the classes of the start ahead of the boot (StartWarmUp). Read before Quarkus
     * starts, from the system property {@code panstack.start-warm-up} or PANSTACK_START_WARM_UP only (not
     * application.properties), where {@code false} turns it off; declared here so that Quarkus knows the name.
     */
    @WithDefault("true")
    boolean startWarmUp();

    /**
     * The class archive's training run (ClassArchiveTraining), read before Quarkus starts from the system property
     * {@code panstack.class-archive-training} and only with -XX:ArchiveClassesAtExit; declared here so that Quarkus
     * knows the name and a start that has it without that flag is not refused.
     */
    @WithDefault("false")
    boolean classArchiveTraining();

    /**
     * Whether the JSON readers of the kinds the operator reads are made on a thread of their own once it has started
     * (ReadersAhead), so the first stack does not wait for them; {@code false} (PANSTACK_READERS_AHEAD) leaves each to
     * its kind's first object. The benchmark turns it off while it records the classes of the start alone.
     */
    @WithDefault("true")
    boolean readersAhead();

    LeaderElection leaderElection();

    Aws aws();

    Images images();

    /** The Lease that elects the active replica (Kubernetes' usual timings). */
    interface LeaderElection {
        /** A replica that loses the Lease exits, so Kubernetes restarts it as a follower. */
        @WithDefault("true")
        boolean exitOnStopLeading();

        @WithDefault("15s")
        Duration leaseDuration();

        /** No renewal within this: the leader stops leading. */
        @WithDefault("10s")
        Duration renewDeadline();

        /** How often the leader renews (a PATCH of the Lease). */
        @WithDefault("2s")
        Duration retryPeriod();
    }

    /** AWS calls and polling (AWS sends no events). */
    interface Aws {
        /** While AWS creates or changes something. */
        @WithDefault("15s")
        Duration pollFast();

        /** Once everything is available. */
        @WithDefault("5m")
        Duration pollSlow();

        /** How long a request AWS refused as invalid waits before it is tried again without a spec change. */
        @WithDefault("10m")
        Duration rejectedRetryInterval();

        /** Attempts per API call, the first included, with the SDK's standard back-off. */
        @WithDefault("4")
        int maxAttempts();

        S3 s3();

        interface S3 {
            /** Address buckets as host/bucket rather than bucket.host: S3 emulators need it, AWS does not. */
            @WithDefault("false")
            boolean pathStyle();
        }
    }

    /** Images of the pods the operator starts besides Pi's; mirror them where Docker Hub cannot be reached. */
    Tenancy tenancy();

    interface Tenancy {
        /**
         * "consumer:owner" namespace pairs: PanStacks of the consumer may adopt and restore from the owner's AWS
         * resources. Unset: every namespace uses only its own.
         */
        Optional<List<String>> sharedNamespaces();
    }

    interface Images {
        /**
         * The AWS CLI v2 (with /bin/sh): uploads backups to the bucket, downloads them for a restore, and seeds the
         * files volume unless files.seedFromBucket.image names another.
         */
        @WithDefault(Defaults.AWS_CLI_IMAGE)
        String awsCli();

        /**
         * The MariaDB client image that dumps and restores a repository not in the cluster: for RDS its tag follows
         * the instance's engine version (mariadb:10.6 for 10.6.x); for an external server it is used as it is. An
         * in-cluster database is dumped with its own image.
         */
        @WithDefault(Defaults.MARIADB_IMAGE)
        String dump();

        /**
         * For RDS, the dump image's tag follows the instance's engine version. Off: the dump image as it is (a mirror
         * that holds one tag only). An image pinned by digest is always used as it is.
         */
        @WithDefault("true")
        boolean dumpFollowsEngine();
    }
}
