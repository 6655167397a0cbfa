package io.panstack.operator.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server (Debian's 10.11) on a free loopback port and its own socket, with a temporary data
 * directory; {@code .ci/install-mariadb} installs the packages when they are missing. The root login (no password)
 * works over the socket only for this helper's {@link #sql} calls; SQL always goes through stdin, so no process of
 * the test ever shows a password among its arguments.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dir;
    private final Path socket;
    private final int port;
    private Process process;

    private MariaDbServer(Path dir, int port) {
        this.dir = dir;
        this.socket = dir.resolve("mysqld.sock");
        this.port = port;
    }

    /** Installs the server and clients (as root) when they are missing; fails when that is not possible. */
    public static void ensureInstalled() {
        if (!installed()) {
            Path script = Path.of(".ci/install-mariadb");
            if (Files.isExecutable(script) && "0".equals(run(List.of("id", "-u"), null).out().strip())) {
                Result r = run(List.of(script.toString()), null);
                if (r.exit() != 0) {
                    throw new IllegalStateException(".ci/install-mariadb failed: " + r.out() + r.err());
                }
            }
        }
        if (!installed()) {
            throw new IllegalStateException("MariaDB is not installed: run .ci/install-mariadb as root first "
                    + "(apt-get install mariadb-server mariadb-client awscli)");
        }
    }

    private static boolean installed() {
        return Files.isExecutable(mariadbd()) && run(List.of("sh", "-c", "command -v mariadb-install-db && "
                + "command -v mariadb && command -v mariadb-dump"), null).exit() == 0;
    }

    private static Path mariadbd() {
        return Path.of("/usr/sbin/mariadbd");
    }

    /** Initialises a data directory under dir and starts a server on it; ready when this returns. */
    public static MariaDbServer start(Path dir) throws IOException {
        Files.createDirectories(dir);
        MariaDbServer server = new MariaDbServer(dir, freePort());
        server.startProcess();
        return server;
    }

    private void startProcess() throws IOException {
        Path data = dir.resolve("data");
        // --no-defaults: nothing from /etc/mysql (the packaged server's socket, datadir, log paths).
        Result init = run(List.of("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"), null);
        if (init.exit() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + init.out() + init.err());
        }
        process = new ProcessBuilder(List.of(mariadbd().toString(), "--no-defaults", "--user=root",
                "--datadir=" + data, "--socket=" + socket, "--port=" + port, "--bind-address=127.0.0.1",
                "--skip-log-bin", "--lower-case-table-names=1", "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--log-error=" + dir.resolve("error.log")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ": " + errorLog());
            }
            if (Files.exists(socket) && accepts()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("mariadbd did not start within " + STARTUP + ": " + errorLog());
            }
            sleep(50);
        }
        // mariadb-install-db adds anonymous users for localhost, which would shadow 'user'@'%' over TCP.
        sql("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;");
    }

    private boolean accepts() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** Runs SQL as root over the socket (SQL on stdin); returns the output, tab-separated without headers. */
    public String sql(String sql) {
        Result r = run(List.of("mariadb", "--no-defaults", "--socket=" + socket, "--user=root", "--batch",
                "--skip-column-names", "--default-character-set=utf8mb4"), sql);
        if (r.exit() != 0) {
            throw new IllegalStateException("SQL failed (" + r.exit() + "): " + r.err() + "\n" + abbreviate(sql));
        }
        return r.out();
    }

    /** One value. */
    public String value(String sql) {
        return sql(sql).strip();
    }

    /** A root session kept open (e.g. to hold a lock), fed statements through its stdin. */
    public Session session() throws IOException {
        Process p = new ProcessBuilder(List.of("mariadb", "--no-defaults", "--socket=" + socket, "--user=root",
                "--batch", "--skip-column-names", "--unbuffered")).redirectErrorStream(true).start();
        return new Session(p);
    }

    public static final class Session implements AutoCloseable {
        private final Process process;
        private final OutputStream in;
        private final java.io.BufferedReader out;

        private Session(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            this.out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Runs statements, then waits until the session has answered (so they have all completed). */
        public void execute(String statements) throws IOException {
            String marker = "done-" + System.nanoTime();
            in.write((statements + "\nSELECT '" + marker + "';\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                if (line.equals(marker)) {
                    return;
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("session ended: " + seen);
        }

        @Override
        public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy(); // SIGTERM: a clean shutdown
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    private String errorLog() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("error.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    public record Result(int exit, String out, String err) {
    }

    /** Runs a command to completion, stdin from the given text (or none), collecting both outputs. */
    public static Result run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            return new Result(127, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
