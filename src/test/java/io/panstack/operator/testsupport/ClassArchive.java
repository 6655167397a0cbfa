package io.panstack.operator.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.panstack.operator.start.ClassArchiveTraining;

/**
 * The class archive the package build writes beside quarkus-run.jar (pom.xml, execution "class-archive"), as a user
 * runs it: {@code -XX:SharedArchiveFile=<package>/panstack.jsa}. The JVM takes an archive only for the package it was
 * made from, at the path it was made at: a copy of the package (the benchmark's) is trained again, the same way.
 */
public final class ClassArchive {
    public static final String FILE = "panstack.jsa";

    private ClassArchive() {
    }

    public static Path of(Path jar) {
        return jar.toAbsolutePath().getParent().resolve(FILE);
    }

    /** The flag that starts the packaged operator with its archive. */
    public static String flag(Path jar) {
        return "-XX:SharedArchiveFile=" + of(jar);
    }

    /** Writes the package's archive as the build does: the training run, with -XX:ArchiveClassesAtExit. */
    public static Path train(Path jar, Path directory) throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "class-archive-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + of(jar), "-Xlog:cds=off,cds+dynamic=off",
                "-D" + ClassArchiveTraining.SWITCH + "=true", "-jar", jar.toAbsolutePath().toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("JAVA_") || name.startsWith("JDK_JAVA_"));
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the class archive's training run took over 2 minutes: " + builder.command());
        }
        if (process.exitValue() != 0 || !Files.exists(of(jar))) {
            throw new IllegalStateException("no class archive written for " + jar + " (exit " + process.exitValue()
                    + "): " + Files.readString(output));
        }
        return of(jar);
    }
}
