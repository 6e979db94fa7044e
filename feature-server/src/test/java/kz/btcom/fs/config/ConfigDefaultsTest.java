package kz.btcom.fs.config;

import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static kz.btcom.fs.config.ConfigFiles.load;
import static kz.btcom.fs.config.ConfigFiles.writeDefaultFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server runs with when nothing, or only part, is configured. */
class ConfigDefaultsTest {

    @TempDir
    Path workingDir;

    @Test
    void withoutAnyFileTheBuiltInDefaultsAreThoseOfTheProductSpecification() throws ConfigException {
        FeatureServerConfig config = load(workingDir, Map.of());

        SipConfig sip = config.sip();
        assertEquals(new HostPort("127.0.0.1", 5060), sip.listen());
        assertEquals(Set.of(SipTransport.UDP, SipTransport.TCP), sip.transports());
        assertEquals(new HostPort("127.0.0.1", 5070), sip.core());
        assertEquals(CoreTransport.AUTO, sip.coreTransport());
        assertEquals(2, sip.stackThreads());
        assertEquals(2, sip.callLanes());
        assertEquals(20_000, sip.maxCallsInProgress());
        assertEquals(Duration.ofSeconds(5), sip.retryAfter());
        assertEquals(8192, sip.maxMessageSize());
        assertEquals(Duration.ofSeconds(32), sip.noAnswerTimeout());
        assertEquals(Duration.ofSeconds(120), sip.keepAliveInterval());
        assertEquals(Duration.ofSeconds(10), sip.keepAliveTimeout());
        assertEquals(kz.btcom.fs.sip.TrustedPeers.ofHost("127.0.0.1"), sip.trustedPeers(), "the core's address");
        assertEquals(kz.btcom.fs.sip.UntrustedPolicy.REJECT, sip.untrustedPolicy());
        assertEquals(new kz.btcom.fs.sip.TcpLimits(256, Duration.ofMinutes(5), Duration.ofSeconds(10)), sip.tcp());
        assertEquals(kz.btcom.fs.featurecode.PromptChoice.NONE, config.barredAnnouncement());
        assertEquals(new HostPort("127.0.0.1", 8080), config.http().listen());
        assertEquals(HttpLimits.DEFAULTS, config.http().limits());
        assertEquals(128, config.http().limits().maxConnections());
        assertEquals(Duration.ofSeconds(60), config.http().limits().idleTimeout());
        assertEquals(Duration.ofSeconds(10), config.http().limits().requestTimeout());
        assertEquals(4096, config.http().limits().maxRequestLineBytes());
        assertEquals(8192, config.http().limits().maxHeaderBytes());
        assertEquals(65536, config.http().limits().maxBodyBytes());
        assertEquals(10, config.http().limits().maxFailedTokens());
        assertEquals(Duration.ofSeconds(60), config.http().limits().failedTokensWindow());
        assertEquals(workingDir.resolve("data"), config.dataDir());
        assertEquals(Duration.ofSeconds(5), config.shutdown().grace());
    }

    @Test
    void theShippedConfigFileSaysTheSameAsTheBuiltInDefaults() throws ConfigException {
        Path repositoryRoot = Path.of("..");  // Surefire runs in feature-server/
        FeatureServerConfig shipped = load(repositoryRoot, Map.of());
        FeatureServerConfig defaults = ConfigLoader.defaults();

        // The same values; only where they were read from differs (the files, or the copies in the jar).
        assertEquals(defaults.tables().numbering(), shipped.tables().numbering());
        assertEquals(defaults.tables().featureCodes(), shipped.tables().featureCodes());
        assertEquals(Path.of("..", "config", "numbering.yaml").toString(), shipped.tables().numberingSource());
        assertEquals(defaults.withDataDir(repositoryRoot.resolve("data")),
                shipped.withAdmin(defaults.admin()).withTables(defaults.tables()));
    }

    @Test
    void theDefaultFileInTheWorkingDirectoryIsReadWhenPresent() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  core: 10.1.1.1:5070\n");

        assertEquals(new HostPort("10.1.1.1", 5070), load(workingDir, Map.of()).sip().core());
    }

    @Test
    void keysLeftOutOfTheFileKeepTheirDefaults() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  stackThreads: 4\nhttp:\n");

        FeatureServerConfig config = load(workingDir, Map.of());

        assertEquals(4, config.sip().stackThreads());
        assertEquals(new HostPort("127.0.0.1", 5060), config.sip().listen());
        assertEquals(new HostPort("127.0.0.1", 8080), config.http().listen());
    }

    @Test
    void theTrustBoundaryAndTheTcpLimitsAreTakenFromTheFile() throws Exception {
        writeDefaultFile(workingDir, "sip:\n  trustedPeers: [10.1.2.0/24, \"2001:db8:5::/48\"]\n"
                + "  untrustedPolicy: drop\n  tcp:\n    maxConnections: 8\n    idleTimeoutSeconds: 30\n"
                + "    messageTimeoutSeconds: 2\n");

        kz.btcom.fs.sip.SipBoundary boundary = load(workingDir, Map.of()).sip()
                .toSipSettings(java.time.Clock.systemUTC()).boundary();

        assertTrue(boundary.trustedPeers().trusts(java.net.InetAddress.getByName("10.1.2.77")));
        assertTrue(boundary.trustedPeers().trusts(java.net.InetAddress.getByName("2001:db8:5::9")));
        assertFalse(boundary.trustedPeers().trusts(java.net.InetAddress.getByName("127.0.0.1")),
                "listed peers replace the default");
        assertEquals(kz.btcom.fs.sip.UntrustedPolicy.DROP, boundary.untrustedPolicy());
        assertEquals(new kz.btcom.fs.sip.TcpLimits(8, Duration.ofSeconds(30), Duration.ofSeconds(2)),
                boundary.tcp());
    }

    @Test
    void withoutTrustedPeersTheCoreIsTheOneTrusted() throws Exception {
        writeDefaultFile(workingDir, "sip:\n  core: 10.1.2.10:5060\n");

        kz.btcom.fs.sip.TrustedPeers peers = load(workingDir, Map.of()).sip().trustedPeers();

        assertTrue(peers.trusts(java.net.InetAddress.getByName("10.1.2.10")));
        assertFalse(peers.trusts(java.net.InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void theHttpLimitsAreTakenFromTheFile() throws ConfigException {
        writeDefaultFile(workingDir, "http:\n  maxConnections: 16\n  idleTimeoutSeconds: 300\n"
                + "  requestTimeoutSeconds: 30\n  maxRequestLineBytes: 2048\n  maxHeaderBytes: 4096\n"
                + "  maxBodyBytes: 32768\n  maxFailedTokens: 5\n  failedTokensWindowSeconds: 600\n");

        HttpLimits limits = load(workingDir, Map.of()).http().limits();

        assertEquals(16, limits.maxConnections());
        assertEquals(Duration.ofSeconds(300), limits.idleTimeout());
        assertEquals(Duration.ofSeconds(30), limits.requestTimeout());
        assertEquals(2048, limits.maxRequestLineBytes());
        assertEquals(4096, limits.maxHeaderBytes());
        assertEquals(32768, limits.maxBodyBytes());
        assertEquals(5, limits.maxFailedTokens());
        assertEquals(Duration.ofMinutes(10), limits.failedTokensWindow());
    }

    @Test
    void anEmptyFileMeansAllDefaults() throws ConfigException {
        writeDefaultFile(workingDir, "# nothing to change\n");

        assertEquals(ConfigLoader.defaults().withDataDir(workingDir.resolve("data")), load(workingDir, Map.of()));
        assertEquals("built-in numbering.yaml", load(workingDir, Map.of()).tables().numberingSource());
    }

    @Test
    void aListInTheFileReplacesTheDefaultListWhole() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  transports: [tcp]\n");

        assertEquals(Set.of(SipTransport.TCP), load(workingDir, Map.of()).sip().transports());
    }

    @Test
    void anIpv6AddressParsesWhenQuotedInTheFile() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  listen: \"[::1]:5060\"\n");

        assertEquals(new HostPort("::1", 5060), load(workingDir, Map.of()).sip().listen());
    }

    @Test
    void theSipSettingsCarryTheConfiguredValuesWithTransportsInLowerCase() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  coreTransport: tcp\n  retryAfterSeconds: 7\n");

        var settings = load(workingDir, Map.of()).sip().toSipSettings(java.time.Clock.systemUTC());

        assertEquals(Set.of("udp", "tcp"), settings.transports());
        assertEquals("tcp", settings.coreTransport());
        assertEquals(Duration.ofSeconds(7), settings.retryAfter());
        assertEquals("127.0.0.1", settings.listenHost());
        assertEquals(5060, settings.listenPort());
        assertEquals(5070, settings.corePort());
        assertEquals(20_000, settings.maxCalls());
    }

    @Test
    void theSipSettingsCarryTheKeepAlive() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  keepAliveSeconds: 300\n  keepAliveTimeoutSeconds: 20\n");

        var settings = load(workingDir, Map.of()).sip().toSipSettings(java.time.Clock.systemUTC());

        assertEquals(Duration.ofSeconds(300), settings.keepAliveInterval());
        assertEquals(Duration.ofSeconds(20), settings.keepAliveTimeout());
    }

    @Test
    void keepAliveZeroIsOffWhateverItsTimeout() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  keepAliveSeconds: 0\n  keepAliveTimeoutSeconds: 30\n");

        var settings = load(workingDir, Map.of()).sip().toSipSettings(java.time.Clock.systemUTC());

        assertEquals(Duration.ZERO, settings.keepAliveInterval());
    }

    @Test
    void theHomeDomainIsTheCoresHostUnlessConfigured() throws ConfigException {
        writeDefaultFile(workingDir, "sip:\n  core: 10.1.2.10:5060\n");
        assertEquals("10.1.2.10", load(workingDir, Map.of()).sip().toSipSettings(java.time.Clock.systemUTC()).homeDomain());

        writeDefaultFile(workingDir, "sip:\n  core: 10.1.2.10:5060\n  homeDomain: ims.btcom.kz\n");
        assertEquals("ims.btcom.kz", load(workingDir, Map.of()).sip().toSipSettings(java.time.Clock.systemUTC()).homeDomain());

        writeDefaultFile(workingDir, "sip:\n  homeDomain: \"[2001:db8::1]\"\n");
        assertEquals("2001:db8::1", load(workingDir, Map.of()).sip().toSipSettings(java.time.Clock.systemUTC()).homeDomain());
    }

    @Test
    void coreTransportAutoIsPassedOnAsAuto() {
        assertEquals("auto", ConfigLoader.defaults().sip().toSipSettings(java.time.Clock.systemUTC()).coreTransport());
    }

    @Test
    void theJournalKeepsAReserveOf256MegabytesUnlessConfigured() throws ConfigException {
        assertEquals(256L * 1024 * 1024, load(workingDir, Map.of()).billing().journalReserveBytes());

        writeDefaultFile(workingDir, "billing:\n  journalReserveMegabytes: 1024\n");
        assertEquals(1024L * 1024 * 1024, load(workingDir, Map.of()).billing().journalReserveBytes());
        assertEquals(java.util.Optional.empty(), load(workingDir, Map.of()).billingExportDir());
    }

    @Test
    void theConferenceFactoryIsConferenceAtTheServersOwnNamesUnlessConfigured() throws ConfigException {
        assertEquals(kz.btcom.fs.service.threeway.ThreeWaySettings.DEFAULTS, load(workingDir, Map.of()).threeWay());

        writeDefaultFile(workingDir, "threeWay:\n  factoryUri: sip:3way@fs.btcom.kz:5060\n");
        kz.btcom.fs.service.threeway.ThreeWaySettings threeWay = load(workingDir, Map.of()).threeWay();
        assertEquals("3way", threeWay.factoryUser());
        assertEquals(java.util.Optional.of("fs.btcom.kz"), threeWay.factoryHost());
    }

    @Test
    void aFreshServerWarmsUpWith5000CallsUnlessConfiguredOrToldOtherwise() throws ConfigException {
        assertEquals(kz.btcom.fs.warmup.WarmUpSettings.DEFAULTS, load(workingDir, Map.of()).warmUp());

        writeDefaultFile(workingDir, "warmUp:\n  calls: 200\n  longestSeconds: 5\n");
        assertEquals(new kz.btcom.fs.warmup.WarmUpSettings(200, java.time.Duration.ofSeconds(5)),
                load(workingDir, Map.of()).warmUp());
        assertEquals(300, load(workingDir, Map.of("FS_WARM_UP_CALLS", "300")).warmUp().calls());
        assertEquals(0, load(workingDir, Map.of("FS_WARM_UP_CALLS", "300"), "--warm-up-calls", "0").warmUp().calls());
        assertFalse(load(workingDir, Map.of(), "--warm-up-calls", "0").warmUp().enabled());
    }

    @Test
    void wakeUpCallsRingAlmatyClocksFromTheWakeUpServiceNumberUnlessConfigured() throws ConfigException {
        kz.btcom.fs.service.wakeup.WakeUpSettings wakeUp = load(workingDir, Map.of()).wakeUp();
        assertEquals(kz.btcom.fs.service.wakeup.WakeUpSettings.DEFAULTS, wakeUp);
        assertEquals(java.time.ZoneId.of("Asia/Almaty"), wakeUp.zone());
        assertEquals(java.time.Duration.ofMinutes(5), wakeUp.retryAfter());
        assertEquals(3, wakeUp.attempts());
        assertEquals(20, wakeUp.callsPerSecond());

        writeDefaultFile(workingDir, "wakeUp:\n  zone: Asia/Aqtobe\n  retryMinutes: 2\n  ringSeconds: 30\n");
        wakeUp = load(workingDir, Map.of()).wakeUp();
        assertEquals(java.time.ZoneId.of("Asia/Aqtobe"), wakeUp.zone());
        assertEquals(java.time.Duration.ofMinutes(2), wakeUp.retryAfter());
        assertEquals(java.time.Duration.ofSeconds(30), wakeUp.ringFor());
    }

    @Test
    void lineTestsCallFromTheAlmatyServiceDeskUnlessConfigured() throws ConfigException {
        assertEquals("+77272777888", load(workingDir, Map.of()).lineTest().callerNumber());

        writeDefaultFile(workingDir, "lineTest:\n  callerNumber: \"+77172688900\"\n");
        assertEquals("+77172688900", load(workingDir, Map.of()).lineTest().callerNumber());
    }
}
