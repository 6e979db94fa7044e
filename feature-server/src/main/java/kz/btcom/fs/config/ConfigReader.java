package kz.btcom.fs.config;

import java.time.Duration;

/** The configuration's schema: which keys exist, their types and their ranges. */
final class ConfigReader {

    private ConfigReader() {
    }

    static FeatureServerConfig read(ConfigLayers layers) throws ConfigException {
        ConfigSection root = ConfigSection.root(layers);
        FeatureServerConfig config = new FeatureServerConfig(
                sip(root.section("sip")),
                http(root.section("http")),
                root.path("dataDir"),
                shutdown(root.section("shutdown")));
        root.rejectUnknownKeys();
        return config;
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
                sip.integer("maxMessageSize", 1024, 65_536));
        sip.rejectUnknownKeys();
        return config;
    }

    private static HttpConfig http(ConfigSection http) throws ConfigException {
        HttpConfig config = new HttpConfig(http.hostPort("listen"));
        http.rejectUnknownKeys();
        return config;
    }

    private static ShutdownConfig shutdown(ConfigSection shutdown) throws ConfigException {
        ShutdownConfig config = new ShutdownConfig(Duration.ofSeconds(shutdown.integer("graceSeconds", 0, 3600)));
        shutdown.rejectUnknownKeys();
        return config;
    }
}
