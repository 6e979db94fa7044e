package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.FeatureServer;
import kz.btcom.fs.SipSide;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.StartupOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The real feature server (JAIN-SIP, the embedded database, the billing journal) started inside the test's JVM, so
 * that the test can hand it a clock of its own: configured as {@link ServerProcess} configures the packaged one
 * (the same options and tokens, a {@code --config} file of the test's), on loopback ports of its own, with the data
 * directory {@code workDir/data}. {@link #stop()} stops it as SIGTERM would and {@link #start()} starts it again on
 * the same data, clock and core port: a restart. Close it when done.
 */
final class InProcessServer implements AutoCloseable {

    private final Path config;
    private final Clock clock;
    final int corePort;
    final Path dataDir;
    private FeatureServer server;
    private int sipPort;
    private int httpPort;

    private InProcessServer(Path workDir, Path config, Clock clock, int corePort) {
        this.config = config;
        this.clock = clock;
        this.corePort = corePort;
        this.dataDir = workDir.resolve("data");
    }

    /** Starts a server whose core (SIPp) is at {@code 127.0.0.1:corePort}, configured by {@code config} too. */
    static InProcessServer start(Path workDir, Path config, Clock clock, int corePort) throws Exception {
        InProcessServer server = new InProcessServer(workDir, config, clock, corePort);
        server.start();
        return server;
    }

    /** Starts the server (again) on new SIP and HTTP ports; the data directory, the clock and the core stay. */
    void start() throws Exception {
        if (server != null) {
            throw new IllegalStateException("already running");
        }
        Files.createDirectories(dataDir);
        sipPort = FreePorts.sip();
        httpPort = FreePorts.tcp();
        List<String> args = List.of("--sip-listen", "127.0.0.1:" + sipPort, "--core", "127.0.0.1:" + corePort,
                "--http-listen", "127.0.0.1:" + httpPort, "--data-dir", dataDir.toString(),
                "--config", config.toString());
        Map<String, String> env = Map.of("FS_ADMIN_TOKENS", ServerProcess.OPERATOR_TOKEN + ":operator,"
                + ServerProcess.TECHNICIAN_TOKEN + ":technician");
        server = FeatureServer.start(ConfigLoader.load(StartupOptions.parse(args.toArray(String[]::new)), env,
                Repository.root()), env, clock, SipSide.jainSip());
    }

    /** Stops the server as SIGTERM does (calls released, the journal and the database closed); the data stays. */
    void stop() {
        if (server != null) {
            try {
                server.stop();
            } finally {
                server = null;
            }
        }
    }

    int sipPort() {
        return sipPort;
    }

    AdminClient admin(String token) {
        if (server == null) {
            throw new IllegalStateException("not running");
        }
        return new AdminClient("http://127.0.0.1:" + httpPort, token);
    }

    @Override
    public void close() {
        stop();
    }
}
