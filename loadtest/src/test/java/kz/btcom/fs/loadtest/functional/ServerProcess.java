package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged feature server, started as the README starts it (the jar with config/jvm.options) on loopback
 * ports of its own, with a data directory of its own and the tokens the test uses. {@link #close()} stops it with
 * SIGTERM, as an operator would, and kills it if it does not stop.
 */
final class ServerProcess implements AutoCloseable {

    static final String OPERATOR_TOKEN = "operator-token-for-the-end-to-end-tests";
    static final String TECHNICIAN_TOKEN = "technician-token-for-the-end-to-end-tests";

    final int sipPort;
    final int corePort;
    final int httpPort;
    final Path dataDir;
    final Path log;
    private final Process process;

    private ServerProcess(int sipPort, int corePort, int httpPort, Path dataDir, Path log, Process process) {
        this.sipPort = sipPort;
        this.corePort = corePort;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
        this.log = log;
        this.process = process;
    }

    /** @param extraArgs more options for the server, e.g. {@code --config FILE} */
    static ServerProcess start(Path workDir, int corePort, String... extraArgs) throws IOException, InterruptedException {
        return start(workDir, corePort, 0, extraArgs);
    }

    /**
     * The same with the data directory on a disk of its own of {@code diskMegabytes}, which a test can fill: a
     * tmpfs mounted in a mount namespace of the server's own ({@code unshare --mount}, as root), seen from outside
     * through {@link #dataDirOnItsDisk()}. Nothing outside the server's process sees the mount.
     */
    static ServerProcess startOnSmallDisk(Path workDir, int corePort, int diskMegabytes, String... extraArgs)
            throws IOException, InterruptedException {
        if (diskMegabytes <= 0) {
            throw new IllegalArgumentException("diskMegabytes " + diskMegabytes);
        }
        return start(workDir, corePort, diskMegabytes, extraArgs);
    }

    private static ServerProcess start(Path workDir, int corePort, int diskMegabytes, String... extraArgs)
            throws IOException, InterruptedException {
        Repository.requireBuiltJar();
        Path root = Repository.root();
        int sipPort = FreePorts.sip();
        int httpPort = FreePorts.tcp();
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Path log = workDir.resolve("server-" + System.currentTimeMillis() + ".log"); // a restart keeps the first
        List<String> command = new ArrayList<>();
        if (diskMegabytes > 0) {
            // $0 is the data directory, "$@" the server's command: the tmpfs covers the directory, then java runs
            // in the shell's place (the same process id, so /proc/<pid>/root shows its mount).
            command.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount -t tmpfs -o size=" + diskMegabytes + "m fs-test-disk \"$0\" && exec \"$@\"",
                    dataDir.toString()));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String line : Files.readAllLines(root.resolve("config/jvm.options"))) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-Xms256m", "-Xmx512m")); // after jvm.options: a functional test needs no 2 GB heap
        command.addAll(List.of("-jar", Repository.jar().toString(),
                "--sip-listen", "127.0.0.1:" + sipPort, "--core", "127.0.0.1:" + corePort,
                "--http-listen", "127.0.0.1:" + httpPort, "--data-dir", dataDir.toString(),
                // A functional test needs no compiled call path; the load tests (run-load.sh) keep the warm-up.
                "--warm-up-calls", "0"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("FS_"));
        env.put("FS_ADMIN_TOKENS", OPERATOR_TOKEN + ":operator," + TECHNICIAN_TOKEN + ":technician");
        ServerProcess server = new ServerProcess(sipPort, corePort, httpPort, dataDir, log, builder.start());
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited " + process.exitValue() + " before /health:\n"
                        + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("/health did not answer within " + timeout + ":\n" + logTail());
    }

    /** The data directory as this process reaches it: on the server's own disk when it has one. */
    Path dataDirOnItsDisk() {
        return Path.of("/proc", String.valueOf(process.pid()), "root").resolve(dataDir.toString().substring(1));
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    AdminClient admin(String token) {
        return new AdminClient("http://127.0.0.1:" + httpPort, token);
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or closed by the server. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
