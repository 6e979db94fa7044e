package kz.btcom.fs.config;

import java.nio.file.Path;
import java.util.Objects;

/** The whole configuration, parsed and validated once at start ({@link ConfigLoader}). */
public record FeatureServerConfig(SipConfig sip, HttpConfig http, Path dataDir, ShutdownConfig shutdown) {
    public FeatureServerConfig {
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    public FeatureServerConfig withHttp(HttpConfig newHttp) {
        return new FeatureServerConfig(sip, newHttp, dataDir, shutdown);
    }

    public FeatureServerConfig withDataDir(Path newDataDir) {
        return new FeatureServerConfig(sip, http, newDataDir, shutdown);
    }
}
