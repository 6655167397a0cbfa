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
            Process process = new ProcessBuilder(command).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            // Small outputs: read both after the process ends, bounded by a time-out.
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY + " (install kubectl or set KUBECTL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result ok(String... args) {
        return run(args).orFail(List.of(args));
    }

    static Result okWithInput(String stdin, String... args) {
        return runWithInput(stdin, args).orFail(List.of(args));
    }
}
