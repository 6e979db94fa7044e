package kz.btcom.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the operator sees when the server will not start: one line on stderr and the exit code. */
class MainTest {

    @TempDir
    Path workingDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(SipSide.Launcher sip, String... args) {
        // No warm-up: it would put calls through the fake SIP side (see WarmUpTest).
        return Main.run(args, Map.of("FS_WARM_UP_CALLS", "0"), workingDir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), sip);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadConfigFileExitsWith2AndOneLineNamingFileKeyAndProblem() throws IOException {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/feature-server.yaml"), "sip:\n  listen: 127.0.0.1:99999\n");

        assertEquals(2, run(new FakeSipSide()));
        assertEquals(workingDir.resolve("config/feature-server.yaml")
                + ": sip.listen: \"127.0.0.1:99999\" is not HOST:PORT with a port 1-65535\n", stderr());
    }

    @Test
    void aBadOptionExitsWith2() {
        assertEquals(2, run(new FakeSipSide(), "--http-listen", "8080"));
        assertEquals("--http-listen: http.listen: \"8080\" is not HOST:PORT with a port 1-65535\n", stderr());
    }

    @Test
    void anUnknownOptionExitsWith2() {
        assertEquals(2, run(new FakeSipSide(), "--verbose"));
        assertEquals(1, stderr().lines().count());
    }

    @Test
    void helpPrintsTheOptionsAndExitsWith0WithoutStarting() {
        FakeSipSide sip = new FakeSipSide();

        assertEquals(0, run(sip, "--help"));

        String usage = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--config", "--sip-listen", "--core", "--http-listen", "--data-dir"}) {
            assertTrue(usage.contains(option), option);
        }
        assertTrue(sip.events.isEmpty());
    }

    @Test
    void aSipPortInUseExitsWith1AndOneLine() throws IOException {
        int exit = run(FakeSipSide.failingWith("Address already in use"),
                "--http-listen", "127.0.0.1:" + FeatureServerTest.freePort(), "--data-dir", "data");

        assertEquals(1, exit);
        assertEquals("cannot start SIP on 127.0.0.1:5060: Address already in use\n", stderr());
    }

    @Test
    void anHttpPortInUseExitsWith1AndOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = run(new FakeSipSide(), "--http-listen", "127.0.0.1:" + taken.getLocalPort());

            assertEquals(1, exit);
            assertEquals(1, stderr().lines().count());
            assertTrue(stderr().startsWith("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort()), stderr());
        }
    }

    @Test
    void anUnexpectedFailureAtStartExitsWith1() throws IOException {
        int exit = run((settings, handler, metrics) -> {
            throw new UnsupportedOperationException("in progress");
        }, "--http-listen", "127.0.0.1:" + FeatureServerTest.freePort());

        assertEquals(1, exit);
        assertEquals("cannot start: java.lang.UnsupportedOperationException: in progress\n", stderr());
    }
}
