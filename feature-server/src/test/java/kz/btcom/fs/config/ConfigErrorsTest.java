package kz.btcom.fs.config;

import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static kz.btcom.fs.config.ConfigFiles.load;
import static kz.btcom.fs.config.ConfigFiles.write;
import static kz.btcom.fs.config.ConfigFiles.writeDefaultFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad file or value stops the start with one line: where the value came from (file, option or environment
 * variable), the dotted key, and the problem.
 */
class ConfigErrorsTest {

    @TempDir
    Path workingDir;

    private String file() {
        return workingDir.resolve("config/feature-server.yaml").toString();
    }

    /** The one-line message of loading the default file with this content. */
    private String errorFor(String yaml) {
        writeDefaultFile(workingDir, yaml);
        return error(Map.of());
    }

    private String error(Map<String, String> env, String... args) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(workingDir, env, args));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aHomeDomainThatIsNoHostNamesTheKey() {
        assertEquals(file() + ": sip.homeDomain: \"btcom kz@\" is not a domain name or an IP address",
                errorFor("sip:\n  homeDomain: \"btcom kz@\"\n"));
    }

    @Test
    void aJournalReserveThatIsNoWholeNumberOfMegabytesNamesTheKey() {
        assertEquals(file() + ": billing.journalReserveMegabytes: \"a lot\" is not a whole number",
                errorFor("billing:\n  journalReserveMegabytes: a lot\n"));
        assertEquals(file() + ": billing.journalReserveMegabytes: -1 is out of range 0-1048576",
                errorFor("billing:\n  journalReserveMegabytes: -1\n"));
    }

    @Test
    void aLineTestCallerThatIsNoE164NumberNamesTheKey() {
        assertEquals(file() + ": lineTest.callerNumber: \"2777888\" is not a number in E.164 with '+'"
                        + " (e.g. \"+77272777888\")",
                errorFor("lineTest:\n  callerNumber: \"2777888\"\n"));
    }

    @Test
    void wakeUpSettingsThatMakeNoSenseNameTheirKey() {
        assertEquals(file() + ": wakeUp.zone: \"Almaty\" is not a time zone (e.g. \"Asia/Almaty\")",
                errorFor("wakeUp:\n  zone: Almaty\n"));
        assertEquals(file() + ": wakeUp.callerNumber: \"100\" is not a number in E.164 with '+'"
                        + " (e.g. \"+77272777100\")",
                errorFor("wakeUp:\n  callerNumber: \"100\"\n"));
        assertEquals(file() + ": wakeUp.announcement: a wake-up call needs an announcement: tone, or a WAV file",
                errorFor("wakeUp:\n  announcement: none\n"));
        assertEquals(file() + ": wakeUp.attempts: 0 is out of range 1-10",
                errorFor("wakeUp:\n  attempts: 0\n"));
        assertEquals(file() + ": wakeUp.callsPerSecond: \"fast\" is not a whole number",
                errorFor("wakeUp:\n  callsPerSecond: fast\n"));
        assertTrue(errorFor("wakeUp:\n  retrySeconds: 30\n").startsWith(file() + ": wakeUp.retrySeconds"));
    }

    @Test
    void aWarmUpOutOfRangeNamesItsKey() {
        assertEquals(file() + ": warmUp.calls: 100001 is out of range 0-100000", errorFor("warmUp:\n  calls: 100001\n"));
        assertEquals(file() + ": warmUp.calls: \"many\" is not a whole number", errorFor("warmUp:\n  calls: many\n"));
        assertTrue(errorFor("warmUp:\n  seconds: 5\n").startsWith(file() + ": warmUp.seconds"));
    }

    @Test
    void aFactoryUriThatIsNoSipUriNamesItsKey() {
        assertEquals(file() + ": threeWay.factoryUri: \"conference\" is not a SIP URI with a user part and a host"
                + " (e.g. \"sip:conference@fs.btcom.kz\")", errorFor("threeWay:\n  factoryUri: conference\n"));
        assertTrue(errorFor("threeWay:\n  focus: yes\n").startsWith(file() + ": threeWay.focus"));
    }

    @Test
    void aPortOutOfRangeNamesTheFileTheKeyAndTheValue() {
        assertEquals(file() + ": sip.listen: \"127.0.0.1:99999\" is not HOST:PORT with a port 1-65535",
                errorFor("sip:\n  listen: 127.0.0.1:99999\n"));
    }

    @Test
    void aMalformedAddressIsReportedTheSameWay() {
        assertEquals(file() + ": http.listen: \"localhost\" is not HOST:PORT with a port 1-65535",
                errorFor("http:\n  listen: localhost\n"));
    }

    @Test
    void anHttpConnectionLimitOutOfRangeNamesTheKey() {
        assertEquals(file() + ": http.maxConnections: 0 is out of range 1-10000",
                errorFor("http:\n  maxConnections: 0\n"));
    }

    @Test
    void anHttpSizeOutOfRangeNamesTheKey() {
        assertEquals(file() + ": http.maxRequestLineBytes: 100 is out of range 256-65536",
                errorFor("http:\n  maxRequestLineBytes: 100\n"));
        assertEquals(file() + ": http.maxHeaderBytes: 100000 is out of range 1024-65536",
                errorFor("http:\n  maxHeaderBytes: 100000\n"));
        assertEquals(file() + ": http.maxBodyBytes: 16777216 is out of range 1024-1048576",
                errorFor("http:\n  maxBodyBytes: 16777216\n"));
    }

    @Test
    void anHttpTokenLimitOutOfRangeNamesTheKey() {
        assertEquals(file() + ": http.maxFailedTokens: 0 is out of range 1-1000",
                errorFor("http:\n  maxFailedTokens: 0\n"));
        assertEquals(file() + ": http.failedTokensWindowSeconds: 0 is out of range 1-86400",
                errorFor("http:\n  failedTokensWindowSeconds: 0\n"));
    }

    @Test
    void anHttpTimeoutOutOfRangeNamesTheKey() {
        assertEquals(file() + ": http.idleTimeoutSeconds: 0 is out of range 1-3600",
                errorFor("http:\n  idleTimeoutSeconds: 0\n"));
        assertEquals(file() + ": http.requestTimeoutSeconds: 301 is out of range 1-300",
                errorFor("http:\n  requestTimeoutSeconds: 301\n"));
        assertEquals(file() + ": http.requestTimeoutSeconds: \"10s\" is not a whole number",
                errorFor("http:\n  requestTimeoutSeconds: 10s\n"));
    }

    @Test
    void anUnquotedIpv6AddressIsAYamlErrorWithAHintToQuoteIt() {
        assertEquals(file() + ": line 2, column 10: not valid YAML: expected the node content, but found ':';"
                + " quote an IPv6 address: \"[::1]:5060\"", errorFor("sip:\n  core: [::1]:5070\n"));
        assertTrue(errorFor("sip:\n  core: [2001:db8::1]:5070\n").endsWith("quote an IPv6 address: \"[::1]:5060\""));
    }

    @Test
    void anAddressThatYamlReadsAsAListGetsTheSameHint() {
        assertEquals(file() + ": sip.core: [\"10.0.0.1\"] is not HOST:PORT; quote an IPv6 address: \"[::1]:5060\"",
                errorFor("sip:\n  core: [10.0.0.1]\n"));
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndTheLine() {
        String message = errorFor("sip:\n  listen: 127.0.0.1:5060\n   core: x\n");

        assertTrue(message.startsWith(file() + ": line 3, column "), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatExist() {
        assertEquals(file() + ": sip.lisen: unknown key (expected one of: listen, transports, core, coreTransport,"
                        + " stackThreads, callLanes, maxCallsInProgress, retryAfterSeconds, maxMessageSize,"
                        + " noAnswerTimeoutSeconds, keepAliveSeconds, keepAliveTimeoutSeconds, homeDomain,"
                        + " trustedPeers, untrustedPolicy, tcp)",
                errorFor("sip:\n  lisen: 127.0.0.1:5060\n"));
    }

    @Test
    void aTrustedPeerThatIsNoAddressOrBlockIsNamed() {
        assertEquals(file() + ": sip.trustedPeers: \"core.btcom.kz\" is not an IP address or a CIDR block such as"
                        + " 10.1.2.0/24 or 2001:db8::/32",
                errorFor("sip:\n  trustedPeers: [10.0.0.1, core.btcom.kz]\n"));
        assertEquals(file() + ": sip.trustedPeers: \"10.0.0.0/40\": the prefix length must be 0-32",
                errorFor("sip:\n  trustedPeers: [10.0.0.0/40]\n"));
    }

    @Test
    void anEmptyTrustedPeersListIsRefusedRatherThanTrustingNobody() {
        assertEquals(file() + ": sip.trustedPeers: at least one address or CIDR block is needed (the core's)",
                errorFor("sip:\n  trustedPeers: []\n"));
    }

    @Test
    void aSingleTrustedPeerNotInAListIsTheWrongType() {
        assertEquals(file() + ": sip.trustedPeers: \"10.0.0.1\" is not a list",
                errorFor("sip:\n  trustedPeers: 10.0.0.1\n"));
    }

    @Test
    void anUnknownUntrustedPolicyIsNamedWithTheOnesThatExist() {
        assertEquals(file() + ": sip.untrustedPolicy: \"ignore\" is not one of reject, drop",
                errorFor("sip:\n  untrustedPolicy: ignore\n"));
    }

    @Test
    void theTcpLimitsAreCheckedKeyByKey() {
        assertEquals(file() + ": sip.tcp.maxConnections: 0 is out of range 1-10000",
                errorFor("sip:\n  tcp:\n    maxConnections: 0\n"));
        assertEquals(file() + ": sip.tcp.messageTimeoutSeconds: 3600 is out of range 1-300",
                errorFor("sip:\n  tcp:\n    messageTimeoutSeconds: 3600\n"));
        assertEquals(file() + ": sip.tcp.idleTimeout: unknown key (expected one of: maxConnections,"
                        + " idleTimeoutSeconds, messageTimeoutSeconds)",
                errorFor("sip:\n  tcp:\n    idleTimeout: 5\n"));
    }

    @Test
    void anUnknownTopLevelKeyIsNamed() {
        assertTrue(errorFor("sipp:\n  listen: 127.0.0.1:5060\n").startsWith(file() + ": sipp: unknown key"));
    }

    @Test
    void aNumberGivenAsTextIsTheWrongType() {
        assertEquals(file() + ": sip.stackThreads: \"two\" is not a whole number",
                errorFor("sip:\n  stackThreads: two\n"));
    }

    @Test
    void aFractionIsNotAWholeNumber() {
        assertEquals(file() + ": sip.callLanes: 2.5 is not a whole number", errorFor("sip:\n  callLanes: 2.5\n"));
    }

    @Test
    void aNegativeThreadCountIsOutOfRange() {
        assertEquals(file() + ": sip.stackThreads: -1 is out of range 1-256",
                errorFor("sip:\n  stackThreads: -1\n"));
    }

    @Test
    void aMessageSizeTooLargeForADatagramIsOutOfRange() {
        assertEquals(file() + ": sip.maxMessageSize: 100000 is out of range 1024-65536",
                errorFor("sip:\n  maxMessageSize: 100000\n"));
    }

    @Test
    void aKeepAliveTimeoutNotShorterThanItsIntervalIsRefused() {
        assertEquals(file() + ": sip.keepAliveTimeoutSeconds: 20 must be shorter than keepAliveSeconds (20): each"
                        + " probe is decided before the next",
                errorFor("sip:\n  keepAliveSeconds: 20\n  keepAliveTimeoutSeconds: 20\n"));
    }

    @Test
    void aKeepAliveTimeoutBeyondTimerFIsOutOfRange() {
        assertEquals(file() + ": sip.keepAliveTimeoutSeconds: 40 is out of range 1-32",
                errorFor("sip:\n  keepAliveTimeoutSeconds: 40\n"));
    }

    @Test
    void aNegativeKeepAliveIntervalIsOutOfRange() {
        assertEquals(file() + ": sip.keepAliveSeconds: -1 is out of range 0-3600",
                errorFor("sip:\n  keepAliveSeconds: -1\n"));
    }

    @Test
    void aSectionThatIsNotAMappingIsTheWrongType() {
        assertEquals(file() + ": sip: 5060 is not a mapping of keys", errorFor("sip: 5060\n"));
    }

    @Test
    void anUnknownTransportIsNamedWithTheOnesThatExist() {
        assertEquals(file() + ": sip.transports: \"sctp\" is not one of udp, tcp",
                errorFor("sip:\n  transports: [udp, sctp]\n"));
    }

    @Test
    void transportsMustBeAList() {
        assertEquals(file() + ": sip.transports: \"udp\" is not a list such as [udp, tcp]",
                errorFor("sip:\n  transports: udp\n"));
    }

    @Test
    void atLeastOneTransportIsNeeded() {
        assertEquals(file() + ": sip.transports: [] needs at least one of udp, tcp",
                errorFor("sip:\n  transports: []\n"));
    }

    @Test
    void aTransportListedTwiceIsAMistake() {
        assertEquals(file() + ": sip.transports: \"udp\" is listed twice",
                errorFor("sip:\n  transports: [udp, udp]\n"));
    }

    @Test
    void anUnknownCoreTransportIsNamedWithTheOnesThatExist() {
        assertEquals(file() + ": sip.coreTransport: \"tls\" is not one of auto, udp, tcp",
                errorFor("sip:\n  coreTransport: tls\n"));
    }

    @Test
    void aKeyWithoutAValueIsReported() {
        assertEquals(file() + ": sip.core: has no value", errorFor("sip:\n  core:\n"));
    }

    @Test
    void aKeyGivenTwiceIsReported() {
        String message = errorFor("sip:\n  core: 10.0.0.1:5070\n  core: 10.0.0.2:5070\n");

        assertTrue(message.startsWith(file() + ": line 3"), message);
        assertTrue(message.contains("core"), message);
    }

    @Test
    void aDocumentThatIsNotAMappingIsReported() {
        assertTrue(errorFor("- sip\n- http\n").startsWith(file() + ": the document must be a mapping of keys"));
    }

    @Test
    void aBadValueFromAnOptionNamesTheOption() {
        assertEquals("--core: sip.core: \"core.btcom.kz\" is not HOST:PORT with a port 1-65535",
                error(Map.of(), "--core", "core.btcom.kz"));
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() {
        assertEquals("environment variable FS_SIP_LISTEN: sip.listen: \"127.0.0.1:0\" is not HOST:PORT"
                + " with a port 1-65535", error(Map.of("FS_SIP_LISTEN", "127.0.0.1:0")));
    }

    @Test
    void aGoodOptionRepairsNothingElse() {
        writeDefaultFile(workingDir, "http:\n  listen: nonsense\n");

        assertEquals(file() + ": http.listen: \"nonsense\" is not HOST:PORT with a port 1-65535",
                error(Map.of(), "--sip-listen", "127.0.0.1:5060"));
    }

    @Test
    void aMissingConfigFileNamedByTheOptionIsAnError() {
        assertEquals("--config: configuration file " + workingDir.resolve("missing.yaml") + " does not exist",
                error(Map.of(), "--config", "missing.yaml"));
    }

    @Test
    void aMissingConfigFileNamedByTheEnvironmentIsAnError() {
        assertEquals("environment variable FS_CONFIG: configuration file " + workingDir.resolve("gone.yaml")
                + " does not exist", error(Map.of("FS_CONFIG", "gone.yaml")));
    }

    @Test
    void aBrokenTrunksFileNamesThatFileAndItsKey() {
        write(workingDir, "trunks.yaml", "trunks:\n  - name: \"ic-1\"\n    addresses: [\"10.20.0.0/33\"]\n");
        write(workingDir, "mine.yaml", "trunks: trunks.yaml\n");

        assertEquals(workingDir.resolve("trunks.yaml") + ": trunks[0].addresses[0]: \"10.20.0.0/33\" is not an IP"
                + " address or a CIDR block such as \"10.20.0.0/24\"", error(Map.of(), "--config", "mine.yaml"));
    }

    @Test
    void aTrunksFileThatIsNotThereIsNamed() {
        write(workingDir, "mine.yaml", "trunks: no-such-trunks.yaml\n");

        assertTrue(error(Map.of(), "--config", "mine.yaml").startsWith(workingDir.resolve("mine.yaml")
                + ": trunks: "), "the key that names it");
    }

    @Test
    void anErrorInANamedFileNamesThatFile() {
        write(workingDir, "mine.yaml", "shutdown:\n  graceSeconds: -5\n");

        assertEquals(workingDir.resolve("mine.yaml") + ": shutdown.graceSeconds: -5 is out of range 0-3600",
                error(Map.of(), "--config", "mine.yaml"));
    }

    @Test
    void anUnknownOptionIsACommandLineError() {
        String message = error(Map.of(), "--sip-lsten", "127.0.0.1:5060");

        assertTrue(message.startsWith("command line: "), message);
        assertTrue(message.contains("--sip-lsten"), message);
    }

    @Test
    void anOptionWithoutItsValueIsACommandLineError() {
        assertTrue(error(Map.of(), "--core").startsWith("command line: "));
    }

    @Test
    void theErrorCarriesItsPartsSeparately() {
        writeDefaultFile(workingDir, "sip:\n  callLanes: 0\n");

        ConfigException e = assertThrows(ConfigException.class, () -> load(workingDir, Map.of()));

        assertEquals(file(), e.source());
        assertEquals("sip.callLanes", e.key());
        assertEquals("0 is out of range 1-256", e.problem());
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsNamed() {
        assertEquals(file() + ": store.jdbcUrl: jdbcUrl jdbc:mysql://db/fs is not a jdbc:postgresql: URL"
                        + " (leave it out for the embedded database)",
                errorFor("store:\n  jdbcUrl: jdbc:mysql://db/fs\n"));
        assertEquals("environment variable FS_JDBC_URL: store.jdbcUrl: jdbcUrl oracle is not a jdbc:postgresql: URL"
                + " (leave it out for the embedded database)", error(Map.of("FS_JDBC_URL", "oracle")));
    }

    @Test
    void anOldFileThatStillSetsTheCacheExpiryIsToldTheKeyIsGoneAndWhy() {
        assertEquals(file() + ": store.cacheExpireSeconds: no longer used: every subscriber is held in memory and"
                        + " none expires (store.cacheSize is the most this node holds); remove the key",
                errorFor("store:\n  cacheRefreshSeconds: 60\n  cacheExpireSeconds: 600\n"));
    }

    @Test
    void aMediaAddressThatCannotBeAnnouncedInSdpIsRefused() {
        assertEquals(file() + ": media.address: media address 0.0.0.0 cannot be announced in SDP: give the address"
                + " callers send RTP to", errorFor("media:\n  address: 0.0.0.0\n"));
        assertEquals(file() + ": media.portMax: media port range 41000-40000 must lie within 1024-65535, lowest first",
                errorFor("media:\n  portMin: 41000\n  portMax: 40000\n"));
    }

    @Test
    void adminTokensAreAList() {
        assertEquals(file() + ": admin.tokens: \"abc:operator\" is not a list",
                errorFor("admin:\n  tokens: abc:operator\n"));
    }

    @Test
    void aTableFileThatIsNotThereIsNamedWithTheKeyThatNamesIt() {
        assertEquals(file() + ": featureCodes: " + workingDir.resolve("config/codes.yaml")
                + " does not exist or cannot be read", errorFor("featureCodes: codes.yaml\n"));
    }

    @Test
    void anErrorInsideATableFileNamesThatFileAndItsKey() throws Exception {
        java.nio.file.Files.createDirectories(workingDir.resolve("config"));
        java.nio.file.Files.writeString(workingDir.resolve("config/codes.yaml"),
                "codes: {callWaiting: {activate: \"43#\"}}\nprompts: {positive: tone, negative: tone}\n");
        assertEquals(workingDir.resolve("config/codes.yaml") + ": codes.callWaiting.activate: \"43#\" does not start"
                + " with * or #", errorFor("featureCodes: codes.yaml\n"));
    }

    @Test
    void aBarredAnnouncementIsNoneToneOrAWavFileThatExists() {
        assertEquals(file() + ": announcements.barred: " + workingDir.resolve("config/barred.wav")
                + " does not exist or cannot be read", errorFor("announcements:\n  barred: barred.wav\n"));
    }
}
