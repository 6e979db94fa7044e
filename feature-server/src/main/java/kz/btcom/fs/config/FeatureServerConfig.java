package kz.btcom.fs.config;

import kz.btcom.fs.featurecode.PromptChoice;
import kz.btcom.fs.media.MediaSettings;
import kz.btcom.fs.service.wakeup.WakeUpSettings;
import kz.btcom.fs.service.threeway.ThreeWaySettings;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.warmup.WarmUpSettings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration, parsed and validated once at start ({@link ConfigLoader}).
 *
 * @param barredAnnouncement what a caller hears before a barred or suspended call gets 603: nothing ({@code
 *                           none}), the negative indication tone, or a WAV prompt
 * @param billing            the billing section: the server's own export, the journal's reserve
 */
public record FeatureServerConfig(SipConfig sip, HttpConfig http, Path dataDir, ShutdownConfig shutdown,
                                  StoreSettings store, AdminConfig admin, MediaSettings media, Tables tables,
                                  PromptChoice barredAnnouncement, BillingConfig billing, LineTestConfig lineTest,
                                  WakeUpSettings wakeUp, ThreeWaySettings threeWay, WarmUpSettings warmUp) {
    public FeatureServerConfig {
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(barredAnnouncement, "barredAnnouncement");
        Objects.requireNonNull(billing, "billing");
        Objects.requireNonNull(lineTest, "lineTest");
        Objects.requireNonNull(wakeUp, "wakeUp");
        Objects.requireNonNull(threeWay, "threeWay");
        Objects.requireNonNull(warmUp, "warmUp");
    }

    /** Everything but the warm-up, which is off: a server in a test's JVM starts at once. */
    public FeatureServerConfig(SipConfig sip, HttpConfig http, Path dataDir, ShutdownConfig shutdown,
                               StoreSettings store, AdminConfig admin, MediaSettings media, Tables tables,
                               PromptChoice barredAnnouncement, BillingConfig billing, LineTestConfig lineTest,
                               WakeUpSettings wakeUp, ThreeWaySettings threeWay) {
        this(sip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement, billing, lineTest, wakeUp,
                threeWay, new WarmUpSettings(0, WarmUpSettings.DEFAULTS.longest()));
    }

    public FeatureServerConfig(SipConfig sip, HttpConfig http, Path dataDir, ShutdownConfig shutdown,
                               StoreSettings store, AdminConfig admin, MediaSettings media, Tables tables,
                               PromptChoice barredAnnouncement, BillingConfig billing, LineTestConfig lineTest,
                               WakeUpSettings wakeUp) {
        this(sip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement, billing, lineTest, wakeUp,
                ThreeWaySettings.DEFAULTS);
    }

    /** Everything but the line tests and wake-up calls, which take their defaults. */
    public FeatureServerConfig(SipConfig sip, HttpConfig http, Path dataDir, ShutdownConfig shutdown,
                               StoreSettings store, AdminConfig admin, MediaSettings media, Tables tables,
                               PromptChoice barredAnnouncement, BillingConfig billing) {
        this(sip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement, billing,
                LineTestConfig.DEFAULTS, WakeUpSettings.DEFAULTS, ThreeWaySettings.DEFAULTS);
    }

    public FeatureServerConfig withHttp(HttpConfig newHttp) {
        return new FeatureServerConfig(sip, newHttp, dataDir, shutdown, store, admin, media, tables, barredAnnouncement, billing, lineTest, wakeUp, threeWay, warmUp);
    }

    /** Where the server itself exports rated call records as CSV; empty: the export runs as its own command. */
    public Optional<Path> billingExportDir() {
        return billing.exportDir();
    }

    public FeatureServerConfig withBillingExportDir(Optional<Path> newDir) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement,
                billing.withExportDir(newDir), lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withDataDir(Path newDataDir) {
        return new FeatureServerConfig(sip, http, newDataDir, shutdown, store, admin, media, tables, barredAnnouncement, billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withMedia(MediaSettings newMedia) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, store, admin, newMedia, tables, barredAnnouncement, billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withAdmin(AdminConfig newAdmin) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, store, newAdmin, media, tables, barredAnnouncement, billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withWakeUp(WakeUpSettings newWakeUp) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement,
                billing, lineTest, newWakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withTables(Tables newTables) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, store, admin, media, newTables, barredAnnouncement, billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withSip(SipConfig newSip) {
        return new FeatureServerConfig(newSip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement,
                billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withStore(StoreSettings newStore) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, newStore, admin, media, tables, barredAnnouncement,
                billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withShutdown(ShutdownConfig newShutdown) {
        return new FeatureServerConfig(sip, http, dataDir, newShutdown, store, admin, media, tables, barredAnnouncement,
                billing, lineTest, wakeUp, threeWay, warmUp);
    }

    public FeatureServerConfig withWarmUp(WarmUpSettings newWarmUp) {
        return new FeatureServerConfig(sip, http, dataDir, shutdown, store, admin, media, tables, barredAnnouncement,
                billing, lineTest, wakeUp, threeWay, newWarmUp);
    }
}
