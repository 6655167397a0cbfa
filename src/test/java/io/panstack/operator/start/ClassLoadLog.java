package io.panstack.operator.start;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JVM's {@code -Xlog:class+load} output into the list StartWarmUp loads ahead: the classes read from the
 * application's jars or the JDK's modules, in the order the start loaded them. Left out: the classes of the JDK's
 * shared archive (already fast), classes made at run time (lambdas, proxies: no name to load them by), and those of
 * lib/boot, which are loaded before the warm-up thread starts.
 */
public final class ClassLoadLog {
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (?:jrt:/|file:)(\\S*)");

    private ClassLoadLog() {
    }

    public static List<String> startClasses(List<String> logLines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : logLines) {
            Matcher loaded = LOADED.matcher(line);
            if (loaded.find() && !loaded.group(2).contains("/lib/boot/")) {
                names.add(loaded.group(1));
            }
        }
        return List.copyOf(names);
    }
}
