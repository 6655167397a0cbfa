package io.panstack.operator.start;

import java.lang.management.ManagementFactory;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The training run of the class archive the package build makes (target/quarkus-app/panstack.jsa, see the README's
 * "Start → ready"): loads and links the classes of a start (StartWarmUp's list), then the JVM exits. Run with
 * -XX:ArchiveClassesAtExit, the JVM writes them all to the archive; a start with -XX:SharedArchiveFile then maps them
 * instead of reading, parsing and verifying ~6,600 classes. Nothing else runs: no Quarkus, no connection, no static
 * initializer (classes are linked, never initialized).
 * <p>
 * The JVM archives only linked classes, and loading does not link. Reflecting on a class's constructors (an
 * interface's methods) makes the JVM link it first.
 */
public final class ClassArchiveTraining {
    /** {@code -Dpanstack.class-archive-training=true}: train and exit instead of starting the operator. */
    public static final String SWITCH = "panstack.class-archive-training";

    private ClassArchiveTraining() {
    }

    static boolean asked() {
        return Boolean.getBoolean(SWITCH);
    }

    /**
     * Whether this JVM writes an archive at exit. The switch alone (set by mistake in JAVA_OPTS_APPEND, say) must not
     * turn an operator into a process that exits at once.
     */
    static boolean archiving() {
        try {
            return !ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("ArchiveClassesAtExit").getValue().isEmpty();
        } catch (RuntimeException e) {
            return false; // not HotSpot: there is no such archive
        }
    }

    /** Loads and links the classes of a start; returns how many of them this build has. */
    static int run(ClassLoader loader) {
        return linkAll(StartWarmUp.recordedClasses(loader), loader);
    }

    static int linkAll(List<String> names, ClassLoader loader) {
        int linked = 0;
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isInterface()) {
                    type.getDeclaredMethods();
                } else {
                    type.getDeclaredConstructors();
                }
                linked++;
            } catch (ClassNotFoundException | LinkageError e) {
                // Not in this build, or not linkable here: left out of the archive, loaded on demand as without it.
            }
        }
        return linked;
    }
}
