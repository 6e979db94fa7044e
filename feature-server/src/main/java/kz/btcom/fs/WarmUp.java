package kz.btcom.fs;

import kz.btcom.fs.config.CoreTransport;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpConfig;
import kz.btcom.fs.config.ShutdownConfig;
import kz.btcom.fs.config.SipConfig;
import kz.btcom.fs.config.SipTransport;
import kz.btcom.fs.sip.TrustedPeers;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.warmup.WarmUpCalls;
import kz.btcom.fs.warmup.WarmUpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Warms a fresh JVM up before the server takes its first call (wiring, beside {@link Main}: it starts a server). A cold JVM runs the call path interpreted while its
 * compilers take a core: on 2 cores it fell behind at 500 calls/s for its first 5-7 s, and admission, seeing the
 * queue grow, shed the calls with 503 (issue 16). So before the real server opens its ports, a throwaway instance of
 * it, started from the same configuration on loopback (SIP over UDP on a port of its own, its core the warm-up's,
 * an empty embedded database and its journal in a temporary directory, no export), takes {@link WarmUpSettings#calls()}
 * plain calls from {@link WarmUpCalls}, is stopped, and its directory deleted: nothing of it is billed or kept. The
 * compiled code stays with the JVM. Until the real server is up its ports are closed and {@code /health} does not
 * answer, so the core and a load balancer see it as not yet there, never as up and slow.
 *
 * <p>A warm-up that fails is logged and the server starts cold: it costs speed, never the service.
 */
public final class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    /** Calls in progress at once: enough to keep both cores busy without the warm-up's own admission shedding. */
    private static final int WINDOW = 10;
    /** Under the data directory, while the warm-up runs. */
    static final String DIRECTORY = "warm-up";

    private WarmUp() {
    }

    /**
     * @return what the warm-up did; empty when it is off or failed (the log says why)
     */
    public static Optional<WarmUpCalls.Outcome> run(FeatureServerConfig config, Map<String, String> env, Clock clock,
                                                    SipSide.Launcher sipLauncher) {
        WarmUpSettings settings = config.warmUp();
        if (!settings.enabled()) {
            return Optional.empty();
        }
        // In the server's own data directory: on its disk, and left by a killed warm-up, found and cleared next time.
        Path dir = config.dataDir().resolve(DIRECTORY);
        try {
            deleteQuietly(dir);
            Files.createDirectories(dir);
            try (WarmUpCalls calls = new WarmUpCalls(clock)) {
                int sipPort = freeUdpPort();
                FeatureServer instance = FeatureServer.start(throwaway(config, dir, sipPort, calls.corePort()), env,
                        clock, sipLauncher);
                try {
                    log.info("warming up: {} calls through a throwaway instance on 127.0.0.1:{}", settings.calls(),
                            sipPort);
                    WarmUpCalls.Outcome outcome = calls.run(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort), settings.calls(), WINDOW,
                            clock.instant().plus(settings.longest()));
                    log.info("warmed up in {} ms: {} calls completed, {} refused {}, {} given up, of {} attempted",
                            outcome.took().toMillis(), outcome.completed(), outcome.refused(),
                            outcome.refusedByStatus(), outcome.givenUp(), outcome.attempted());
                    return Optional.of(outcome);
                } finally {
                    instance.stop();
                    // The throwaway's calls and stores are garbage now, much of it promoted: collected here, in one
                    // pause before the ports open, not by the collections of the real server's first seconds.
                    System.gc();
                }
            }
        } catch (IOException | StartException | ConfigException | RuntimeException e) {
            log.warn("the warm-up failed, the server starts cold (slower for its first seconds): {}", e.toString());
            return Optional.empty();
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The configuration of the throwaway instance: the server's own, on loopback, with nothing to keep. */
    static FeatureServerConfig throwaway(FeatureServerConfig config, Path dir, int sipPort, int corePort)
            throws IOException {
        SipConfig sip = config.sip();
        SipConfig onLoopback = new SipConfig(new HostPort("127.0.0.1", sipPort), Set.of(SipTransport.UDP),
                new HostPort("127.0.0.1", corePort), CoreTransport.UDP, sip.stackThreads(), sip.callLanes(),
                sip.maxCallsInProgress(), sip.retryAfter(), sip.maxMessageSize(), sip.noAnswerTimeout(),
                sip.keepAliveInterval(), sip.keepAliveTimeout(), sip.homeDomain(), TrustedPeers.ofHost("127.0.0.1"),
                sip.untrustedPolicy(), sip.tcp());
        return config.withSip(onLoopback)
                .withHttp(new HttpConfig(new HostPort("127.0.0.1", freeTcpPort()), config.http().limits()))
                .withDataDir(dir)
                .withStore(StoreSettings.defaults())
                .withBillingExportDir(Optional.empty())
                .withShutdown(new ShutdownConfig(Duration.ofSeconds(1)))
                .withWarmUp(new WarmUpSettings(0, config.warmUp().longest()));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete the warm-up's directory {}", dir, e);
        }
    }
}
