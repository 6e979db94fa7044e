package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The wire fuzz (issue 13, section 2): the packaged server on loopback with a loopback core ({@link WireCore}),
 * {@code messages} mutated requests ({@link WireMutator}) sent to it, every other one over UDP and every other over
 * TCP (a new connection every 25), then: the server is up (/health 200, no thread died, no OutOfMemoryError in its
 * log), holds no call and no subscriber busy (fs_calls_in_progress, fs_subscribers_in_calls, polled until 0 or a
 * deadline), and a normal call through it (SIPp's uac.xml) still works.
 * Run by WireFuzzEndToEndTest, in a private network namespace when it can; {@link #main} is that run's entry.
 */
final class WireFuzz {

    private static final int RATE_PER_SECOND = 1500;
    private static final int MESSAGES_PER_TCP_CONNECTION = 25;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** sip.retryAfterSeconds' default, what the server's 503 says. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int NORMAL_CALL_RETRIES = 3;
    /** INVITE timer and keep-alive short, so that the calls the fuzz leaves half-made end soon; core over UDP. */
    private static final String CONFIG = """
            sip:
              coreTransport: udp
              noAnswerTimeoutSeconds: 4
              keepAliveSeconds: 2
              keepAliveTimeoutSeconds: 1
            """;

    private WireFuzz() {
    }

    /** {@code WireFuzz WORKDIR MESSAGES SEED}: exit 0 when every check passed, 1 with the reason otherwise. */
    public static void main(String[] args) {
        try {
            System.out.println(run(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2])));
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("WIRE-FUZZ FAILED: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    /** Runs the fuzz and its checks; returns a one-line summary, throws AssertionError on the first failed check. */
    static String run(Path workDir, int messages, long seed) throws Exception {
        Files.createDirectories(workDir);
        Path config = Files.writeString(workDir.resolve("wire-fuzz.yaml"), CONFIG);
        int corePort = FreePorts.sip();
        long started = System.nanoTime();
        try (WireCore core = new WireCore(corePort);
             ServerProcess server = ServerProcess.start(workDir, corePort, "--config", config.toString());
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            AtomicInteger udpAnswers = new AtomicInteger();
            Thread drain = drain(udp, udpAnswers);
            WireMutator mutator = new WireMutator(seed, udp.getLocalPort());
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.sipPort);
            int[] tcpAnswerBytes = {0};
            Socket tcp = null;
            long pace = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
            long next = System.nanoTime();
            for (int n = 0; n < messages; n++) {
                if (n % 2 == 0) {
                    byte[] bytes = mutator.next(n, "UDP");
                    udp.send(new DatagramPacket(bytes, Math.min(bytes.length, 65_000), target));
                } else {
                    if (tcp == null || (n / 2) % MESSAGES_PER_TCP_CONNECTION == 0) {
                        tcpAnswerBytes[0] += closeDraining(tcp);
                        tcp = new Socket();
                        tcp.connect(target, 2_000);
                    }
                    try {
                        OutputStream out = tcp.getOutputStream();
                        out.write(mutator.next(n, "TCP"));
                        out.flush();
                        tcpAnswerBytes[0] += drainAvailable(tcp.getInputStream());
                    } catch (IOException closedByServer) {
                        tcp.close(); // framing lost, the server closed it: next message on a new one
                        tcp = null;
                    }
                }
                next += pace;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            tcpAnswerBytes[0] += closeDraining(tcp);
            long sent = System.nanoTime();

            assertTrue(health(server.httpPort) == 200, "/health after the fuzz:\n" + server.logTail());
            String log = Files.readString(server.log, StandardCharsets.ISO_8859_1);
            for (String crash : List.of("OutOfMemoryError", "died of an uncaught exception", "StackOverflowError")) {
                int at = log.indexOf(crash);
                assertTrue(at < 0, crash + " in the server's log:\n"
                        + log.substring(Math.max(0, log.lastIndexOf('\n', Math.max(0, at - 1))),
                        Math.min(log.length(), at + 3000)));
            }
            Map<String, Double> settled = new ServerMetrics(server.httpPort).awaitZero(SETTLE, "fs_calls_in_progress",
                    "fs_subscribers_in_calls");
            assertTrue(settled.values().stream().allMatch(v -> v == 0.0), "after " + SETTLE.toSeconds() + " s: "
                    + settled + "\n" + server.logTail());
            Sipp.Result call = normalCall(workDir, server.sipPort);
            assertTrue(call.passed(), "a normal call after the fuzz failed:\n" + call.output() + "\n"
                    + server.logTail());
            assertTrue(health(server.httpPort) == 200, "/health at the end");
            udp.close();
            drain.join(2_000);
            return String.format(Locale.ROOT, "WIRE-FUZZ OK: %d mutated requests (seed %d) in %.1f s, %d UDP answers,"
                            + " %d bytes of TCP answers, %d INVITEs reached the core; idle %.1f s later; normal call"
                            + " passed; server up", messages, seed, (sent - started) / 1e9, udpAnswers.get(),
                    tcpAnswerBytes[0], core.invites.get(), (System.nanoTime() - sent) / 1e9);
        }
    }

    /**
     * A normal call, placed as the core would: a server still working off the fuzz's last messages may shed it with
     * 503 and Retry-After (its overload control at work, not a failure), and the core then tries again after the
     * time it was given, a few times. Anything else fails at once.
     */
    private static Sipp.Result normalCall(Path workDir, int sipPort) throws Exception {
        Sipp.Result call = Sipp.call(workDir, "uac.xml", sipPort, WireCore.ANSWERED_NUMBER);
        for (int retry = 0; retry < NORMAL_CALL_RETRIES && !call.passed() && shedWith503(call); retry++) {
            Thread.sleep(RETRY_AFTER.toMillis());
            call = Sipp.call(workDir, "uac.xml", sipPort, WireCore.ANSWERED_NUMBER);
        }
        return call;
    }

    private static boolean shedWith503(Sipp.Result call) {
        return call.output().contains("received 'SIP/2.0 503 Service Unavailable");
    }

    private static Thread drain(DatagramSocket udp, AtomicInteger answers) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            while (!udp.isClosed()) {
                try {
                    udp.receive(new DatagramPacket(buffer, buffer.length));
                    answers.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "wire-fuzz-udp-answers");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int drainAvailable(InputStream in) throws IOException {
        int total = 0;
        byte[] buffer = new byte[8192];
        while (in.available() > 0) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int closeDraining(Socket tcp) {
        if (tcp == null) {
            return 0;
        }
        try (tcp) {
            return drainAvailable(tcp.getInputStream());
        } catch (IOException e) {
            return 0;
        }
    }

    private static int health(int httpPort) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void assertTrue(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /**
     * Whether {@code unshare --net} can make a network namespace with loopback alone here: then no datagram the fuzz
     * provokes can leave the machine, whatever a mutation made of a Via.
     */
    static boolean privateNetworkAvailable() {
        try {
            Process probe = new ProcessBuilder("unshare", "--net", "sh", "-c", "ip link set lo up")
                    .redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The command that runs {@link #main} in a private network namespace with only lo, up. */
    static List<String> inPrivateNetwork(Path workDir, int messages, long seed) {
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "sh", "-c",
                "ip link set lo up && exec \"$0\" \"$@\""));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dbasedir=" + System.getProperty("basedir", ""), WireFuzz.class.getName(),
                workDir.toString(), String.valueOf(messages), String.valueOf(seed)));
        return command;
    }
}
