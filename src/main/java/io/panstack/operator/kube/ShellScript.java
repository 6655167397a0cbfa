package io.panstack.operator.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shell scripts the Jobs run are kept as resources beside the class that uses them, so each is tested as the file it is. */
public final class ShellScript {
    /** Read once: every reconcile builds the Jobs' desired state, and a resource does not change while the JVM runs. */
    private static final Map<String, String> READ = new ConcurrentHashMap<>();

    private ShellScript() {
    }

    /** The script {@code name} beside {@code beside}, as text. */
    public static String load(Class<?> beside, String name) {
        return READ.computeIfAbsent(beside.getName() + "/" + name, key -> read(beside, name));
    }

    private static String read(Class<?> beside, String name) {
        try (InputStream in = beside.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " beside " + beside);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name, e);
        }
    }
}
