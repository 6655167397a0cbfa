package io.panstack.operator.start;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Shortens the start by using the core the boot leaves idle. Most of the start is loading classes one after another
 * on the main thread (about 6,600 of them before the operator is ready); this loads them ahead, on a second thread,
 * from a list recorded from a start ({@link #CLASSES}). Nothing here is needed: a class missing from the list, or
 * named there but gone (the names of some classes Quarkus generates change from build to build), is loaded on
 * demand as without it. Classes are loaded, never initialized, so no static initializer runs earlier, on another
 * thread or in another order than it would (initializing here could deadlock with the main thread's own).
 * <p>
 * Only in the packaged application (Quarkus's RunnerClassLoader): not in dev mode, where each live reload would
 * load the list again. Recorded again with the benchmark ({@code -Dbenchmark.recordStartClasses}, see the README)
 * when dependencies change; StartWarmUpTest fails when more than a tenth of the list has gone.
 */
public final class StartWarmUp {
    /** The classes of a start, in the order it loaded them, one binary name a line. */
    public static final String CLASSES = "META-INF/panstack/start-classes.txt";
    /**
     * {@code -Dpanstack.start-warm-up=false} or PANSTACK_START_WARM_UP=false turns it off (to record the list afresh,
     * say). Read before Quarkus starts, so not from application.properties; OperatorSettings#startWarmUp declares the
     * name to Quarkus.
     */
    public static final String SWITCH = "panstack.start-warm-up";
    private static final String PACKAGED = "io.quarkus.bootstrap.runner.RunnerClassLoader";

    private StartWarmUp() {
    }

    static void inBackground() {
        ClassLoader loader = StartWarmUp.class.getClassLoader();
        String enabled = System.getProperty(SWITCH, System.getenv("PANSTACK_START_WARM_UP"));
        if ("false".equalsIgnoreCase(enabled == null ? null : enabled.strip())
                || !PACKAGED.equals(loader.getClass().getName())) {
            return;
        }
        Thread thread = new Thread(() -> load(recordedClasses(loader), loader), "start-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static List<String> recordedClasses(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(CLASSES)) {
            return in == null ? List.of()
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(name -> !name.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads (never initializes) the named classes; returns how many of them this build has. */
    static int load(List<String> names, ClassLoader loader) {
        int found = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                found++;
            } catch (ClassNotFoundException | LinkageError e) {
                // Not in this build (a dependency changed since the list was recorded).
            }
        }
        return found;
    }
}
