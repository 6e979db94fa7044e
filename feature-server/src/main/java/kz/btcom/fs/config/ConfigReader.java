package kz.btcom.fs.config;

import kz.btcom.fs.featurecode.PromptChoice;
import kz.btcom.fs.media.MediaSettings;
import kz.btcom.fs.service.wakeup.WakeUpSettings;
import kz.btcom.fs.service.threeway.ThreeWaySettings;
import kz.btcom.fs.sip.TcpLimits;
import kz.btcom.fs.sip.TrustedPeers;
import kz.btcom.fs.sip.UntrustedPolicy;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.warmup.WarmUpSettings;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** The configuration's schema: which keys exist, their types and their ranges. */
final class ConfigReader {

    /** store.cacheExpireSeconds: profiles were dropped from memory when idle; since issue 12 none is. */
    private static final String RETIRED_CACHE_EXPIRY = "cacheExpireSeconds";

    private ConfigReader() {
    }

    /** @param workingDir what table files named by an option or the environment are relative to */
    static FeatureServerConfig read(ConfigLayers layers, Path workingDir) throws ConfigException {
        ConfigSection root = ConfigSection.root(layers);
        FeatureServerConfig config = new FeatureServerConfig(
                sip(root.section("sip")),
                http(root.section("http")),
                root.path("dataDir"),
                shutdown(root.section("shutdown")),
                store(root.section("store")),
                admin(root.section("admin")),
                media(root.section("media")),
                TableFiles.load(tableFile(root, "numberingPlan"), tableFile(root, "featureCodes"),
                        tableFile(root, "tariffs"), tableFile(root, "trunks"), workingDir),
                barredAnnouncement(root.section("announcements"), workingDir),
                billing(root.section("billing")),
                lineTest(root.section("lineTest")),
                wakeUp(root.section("wakeUp"), workingDir),
                threeWay(root.optionalSection("threeWay")),
                warmUp(root.optionalSection("warmUp")));
        root.rejectUnknownKeys();
        return config;
    }

    private static WarmUpSettings warmUp(java.util.Optional<ConfigSection> section) throws ConfigException {
        if (section.isEmpty()) {
            return WarmUpSettings.DEFAULTS;
        }
        ConfigSection warmUp = section.get();
        int calls = warmUp.count("calls", 0, WarmUpSettings.MAX_CALLS);
        int seconds = warmUp.count("longestSeconds", 1, 600);
        warmUp.rejectUnknownKeys();
        return new WarmUpSettings(calls, Duration.ofSeconds(seconds));
    }

    private static ThreeWaySettings threeWay(java.util.Optional<ConfigSection> section) throws ConfigException {
        if (section.isEmpty()) {
            return ThreeWaySettings.DEFAULTS;
        }
        ConfigSection threeWay = section.get();
        java.util.Optional<String> factoryUri = threeWay.optionalText("factoryUri");
        ThreeWaySettings settings = ThreeWaySettings.DEFAULTS;
        if (factoryUri.isPresent()) {
            try {
                settings = ThreeWaySettings.ofFactoryUri(factoryUri.get());
            } catch (IllegalArgumentException e) {
                throw threeWay.problemAt("factoryUri", e.getMessage());
            }
        }
        threeWay.rejectUnknownKeys();
        return settings;
    }

    private static LineTestConfig lineTest(ConfigSection lineTest) throws ConfigException {
        String callerNumber = lineTest.text("callerNumber");
        if (!LineTestConfig.E164.matcher(callerNumber).matches()) {
            throw lineTest.problemAt("callerNumber", "\"" + callerNumber + "\" is not a number in E.164 with '+'"
                    + " (e.g. \"+77272777888\")");
        }
        lineTest.rejectUnknownKeys();
        return new LineTestConfig(callerNumber);
    }

    private static WakeUpSettings wakeUp(ConfigSection wakeUp, Path workingDir) throws ConfigException {
        String zoneName = wakeUp.text("zone");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw wakeUp.problemAt("zone", "\"" + zoneName + "\" is not a time zone (e.g. \"Asia/Almaty\")");
        }
        String callerNumber = wakeUp.text("callerNumber");
        if (!LineTestConfig.E164.matcher(callerNumber).matches()) {
            throw wakeUp.problemAt("callerNumber", "\"" + callerNumber + "\" is not a number in E.164 with '+'"
                    + " (e.g. \"+77272777100\")");
        }
        String announcementKey = "announcement";
        PromptChoice announcement = announcement(wakeUp, announcementKey, "wakeUp." + announcementKey, workingDir)
                .orElseThrow(() -> wakeUp.problemAt(announcementKey,
                        "a wake-up call needs an announcement: tone, or a WAV file"));
        WakeUpSettings config = new WakeUpSettings(zone, callerNumber, announcement,
                Duration.ofSeconds(wakeUp.integer("announceSeconds", 1, 600)),
                Duration.ofSeconds(wakeUp.integer("ringSeconds", 1, 600)),
                Duration.ofMinutes(wakeUp.integer("retryMinutes", 1, 120)),
                wakeUp.integer("attempts", 1, 10),
                wakeUp.integer("callsPerSecond", 1, 1_000),
                wakeUp.integer("maxInProgress", 1, 100_000),
                Duration.ofMinutes(wakeUp.integer("lateMinutes", 0, 24 * 60)));
        wakeUp.rejectUnknownKeys();
        return config;
    }

    private static TableFiles.Reference tableFile(ConfigSection root, String key) throws ConfigException {
        return new TableFiles.Reference(key, root.text(key), root.sourceOf(key));
    }

    /** {@code none}, {@code tone}, or a WAV file next to the file that names it. */
    private static Optional<PromptChoice> announcement(ConfigSection section, String key, String name,
                                                       Path workingDir) throws ConfigException {
        String value = section.text(key);
        if (value.equals("none")) {
            return Optional.empty();
        }
        if (value.equals("tone")) {
            return Optional.of(PromptChoice.TONE);
        }
        TableFiles.Reference file = new TableFiles.Reference(name, value, section.sourceOf(key));
        return Optional.of(new PromptChoice.WavFile(TableFiles.locate(file, workingDir).orElseThrow(() ->
                section.problemAt(key, "the built-in defaults can only say none or tone"))));
    }

    private static PromptChoice barredAnnouncement(ConfigSection announcements, Path workingDir)
            throws ConfigException {
        PromptChoice choice = announcement(announcements, "barred", "announcements.barred", workingDir).orElse(PromptChoice.NONE);
        announcements.rejectUnknownKeys();
        return choice;
    }

    private static BillingConfig billing(ConfigSection billing) throws ConfigException {
        Optional<Path> dir = billing.optionalText("exportDir").isPresent()
                ? Optional.of(billing.path("exportDir")) : Optional.empty();
        long reserveMegabytes = billing.integer("journalReserveMegabytes", 0, BillingConfig.MAX_RESERVE_MEGABYTES);
        billing.rejectUnknownKeys();
        return new BillingConfig(dir, reserveMegabytes * 1024 * 1024);
    }

    private static StoreSettings store(ConfigSection store) throws ConfigException {
        if (store.has(RETIRED_CACHE_EXPIRY)) {
            // Silently ignoring it would let an operator believe idle profiles still leave memory.
            throw store.problemAt(RETIRED_CACHE_EXPIRY, "no longer used: every subscriber is held in memory and"
                    + " none expires (store.cacheSize is the most this node holds); remove the key");
        }
        Optional<String> url = store.optionalText("jdbcUrl");
        StoreSettings settings;
        try {
            settings = new StoreSettings(url, store.textOrEmpty("user"), store.textOrEmpty("password"),
                    store.integer("poolSize", StoreSettings.MIN_POOL_SIZE, StoreSettings.MAX_POOL_SIZE),
                    store.integer("cacheSize", 1, 100_000_000),
                    Duration.ofSeconds(store.integer("cacheRefreshSeconds", 1, 86_400)));
        } catch (IllegalArgumentException e) {
            throw store.problemAt("jdbcUrl", e.getMessage());
        }
        store.rejectUnknownKeys();
        return settings;
    }

    private static AdminConfig admin(ConfigSection admin) throws ConfigException {
        AdminConfig config = new AdminConfig(admin.textList("tokens"), admin.sourceOf("tokens"));
        admin.rejectUnknownKeys();
        return config;
    }

    private static MediaSettings media(ConfigSection media) throws ConfigException {
        String address = media.text("address");
        int portMin = media.integer("portMin", 1024, 65_535);
        int portMax = media.integer("portMax", 1024, 65_535);
        Duration longest = Duration.ofSeconds(media.integer("maxPromptSeconds", 1, 600));
        MediaSettings settings;
        try {
            settings = new MediaSettings(address, portMin, portMax, longest, MediaSettings.defaults().promptWait());
        } catch (IllegalArgumentException e) {
            throw media.problemAt(e.getMessage().contains("address") ? "address" : "portMax", e.getMessage());
        }
        media.rejectUnknownKeys();
        return settings;
    }

    private static SipConfig sip(ConfigSection sip) throws ConfigException {
        SipConfig config = new SipConfig(
                sip.hostPort("listen"),
                sip.setOf("transports", SipTransport.class),
                sip.hostPort("core"),
                sip.oneOf("coreTransport", CoreTransport.class),
                sip.integer("stackThreads", 1, 256),
                sip.integer("callLanes", 1, 256),
                sip.integer("maxCallsInProgress", 1, 10_000_000),
                Duration.ofSeconds(sip.integer("retryAfterSeconds", 1, 3600)),
                // Below 1024 not even an INVITE with SDP fits; above 65536 a datagram cannot carry it.
                sip.integer("maxMessageSize", 1024, 65_536),
                // RFC 3261's Timer B (64 x T1); the stack's T1 is scaled to it, so keep it well above round trips.
                Duration.ofSeconds(sip.integer("noAnswerTimeoutSeconds", 4, 64)),
                // 0 is off; an hour between probes is already long to bill a call whose BYE was lost.
                Duration.ofSeconds(sip.integer("keepAliveSeconds", 0, 3600)),
                // Beyond Timer F (32 s) the OPTIONS transaction gives up on its own anyway.
                Duration.ofSeconds(sip.integer("keepAliveTimeoutSeconds", 1, 32)),
                homeDomain(sip),
                trustedPeers(sip),
                sip.oneOf("untrustedPolicy", UntrustedPolicy.class),
                tcp(sip.section("tcp")));
        if (!config.keepAliveInterval().isZero()
                && config.keepAliveTimeout().compareTo(config.keepAliveInterval()) >= 0) {
            throw sip.problemAt("keepAliveTimeoutSeconds", config.keepAliveTimeout().toSeconds()
                    + " must be shorter than keepAliveSeconds (" + config.keepAliveInterval().toSeconds()
                    + "): each probe is decided before the next");
        }
        sip.rejectUnknownKeys();
        return config;
    }

    /** Addresses and CIDR blocks; left out, every address of the core's host (resolved once, at start). */
    private static TrustedPeers trustedPeers(ConfigSection sip) throws ConfigException {
        Optional<java.util.List<String>> listed = sip.optionalTextList("trustedPeers");
        try {
            return listed.isPresent() ? TrustedPeers.parse(listed.get())
                    : TrustedPeers.ofHost(sip.hostPort("core").host());
        } catch (IllegalArgumentException e) {
            throw sip.problemAt(listed.isPresent() ? "trustedPeers" : "core", e.getMessage());
        }
    }

    private static TcpLimits tcp(ConfigSection tcp) throws ConfigException {
        TcpLimits limits = new TcpLimits(
                // Each takes a thread and a socket; the core needs a handful.
                tcp.integer("maxConnections", 1, 10_000),
                Duration.ofSeconds(tcp.integer("idleTimeoutSeconds", 1, 86_400)),
                // A message on a LAN is in within milliseconds; minutes would only serve whoever trickles it.
                Duration.ofSeconds(tcp.integer("messageTimeoutSeconds", 1, 300)));
        tcp.rejectUnknownKeys();
        return limits;
    }

    /** A name or an address, as the host part of a SIP URI takes it: {@code btcom.kz}, {@code 10.1.2.10}, {@code [::1]}. */
    private static Optional<String> homeDomain(ConfigSection sip) throws ConfigException {
        Optional<String> domain = sip.optionalText("homeDomain");
        if (domain.isPresent() && HostPort.parseHost(domain.get()).isEmpty()) {
            throw sip.problemAt("homeDomain", "\"" + domain.get() + "\" is not a domain name or an IP address");
        }
        return domain.flatMap(HostPort::parseHost);
    }

    private static HttpConfig http(ConfigSection http) throws ConfigException {
        HttpConfig config = new HttpConfig(http.hostPort("listen"), new HttpLimits(
                // Each takes a socket (a file descriptor) and a few kilobytes; the process has thousands.
                http.integer("maxConnections", 1, 10_000),
                Duration.ofSeconds(http.integer("idleTimeoutSeconds", 1, 3600)),
                // A request on a LAN is in within milliseconds; minutes would only serve whoever trickles it.
                Duration.ofSeconds(http.integer("requestTimeoutSeconds", 1, 300)),
                http.integer("maxRequestLineBytes", 256, 65_536),
                http.integer("maxHeaderBytes", 1024, 65_536),
                // Held in memory until the request is whole, on every connection at once: megabytes, not more.
                http.integer("maxBodyBytes", 1024, 1024 * 1024),
                http.integer("maxFailedTokens", 1, 1000),
                Duration.ofSeconds(http.integer("failedTokensWindowSeconds", 1, 86_400))));
        http.rejectUnknownKeys();
        return config;
    }

    private static ShutdownConfig shutdown(ConfigSection shutdown) throws ConfigException {
        ShutdownConfig config = new ShutdownConfig(Duration.ofSeconds(shutdown.integer("graceSeconds", 0, 3600)));
        shutdown.rejectUnknownKeys();
        return config;
    }
}
