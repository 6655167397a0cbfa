package io.panstack.operator.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kubectl, as a user runs it against the current kube context: the e2e tier installs crds/ and deploy/ and submits
 * manifests with it, so that what it tests is what users do (client-side defaults, server-side field validation,
 * the API server's own messages). The binary is {@code kubectl} on the PATH, or {@code $KUBECTL}.
 */
final class Kubectl {
    static final String BINARY = System.getenv().getOrDefault("KUBECTL", "kubectl");

    /** What one command printed and how it ended. */
    record Result(int exitCode, String out, String err) {
        boolean ok() {
            return exitCode == 0;
        }

        Result orFail(List<String> command) {
            if (!ok()) {
                throw new AssertionError("kubectl " + String.join(" ", command) + " failed (" + exitCode + "): " + err);
            }
            return this;
        }
    }

    private Kubectl() {
    }

    static Result run(String... args) {
        return runWithInput(null, args);
    }

    /** @param stdin written to kubectl's standard input (for "-f -"), or null */
    static Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY);
        command.addAll(List.of(args));
        try {
            // Output goes to files, so that a long output can never fill a pipe and block kubectl.
            java.io.File out = java.io.File.createTempFile("kubectl-out", ".txt");
            java.io.File err = java.io.File.createTempFile("kubectl-err", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
                if (stdin != null) {
                    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                process.getOutputStream().close();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 2 minutes");
                }
                return new Result(process.exitValue(), java.nio.file.Files.readString(out.toPath()),
                        java.nio.file.Files.readString(err.toPath()));
            } finally {
                out.delete();
                err.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY + " (install kubectl or set KUBECTL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The client's minor version (kubectl version --client -o json), or -1 when it cannot be read. */
    static int clientMinorVersion() {
        Result version = run("version", "--client", "-o", "json");
        java.util.regex.Matcher minor = java.util.regex.Pattern.compile("\"minor\":\\s*\"(\\d+)").matcher(version.out());
        return version.ok() && minor.find() ? Integer.parseInt(minor.group(1)) : -1;
    }

    static Result ok(String... args) {
        return run(args).orFail(List.of(args));
    }

    static Result okWithInput(String stdin, String... args) {
        return runWithInput(stdin, args).orFail(List.of(args));
    }
}
