package kz.btcom.fs.subscriber;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the profiles live, and how many of them this node holds in memory ({@link SubscriberDirectory}).
 *
 * @param jdbcUrl                a {@code jdbc:postgresql:} URL shared by several nodes; empty: the embedded H2
 *                               database in the data directory
 * @param user                   for the JDBC URL only ("" leaves it to the URL); the embedded database ignores it
 * @param password               likewise; never logged
 * @param poolSize               database connections, 1..64
 * @param maxSubscribers         {@code store.cacheSize}: the most profiles this node holds; a database with more
 *                               fails the start
 * @param reloadInterval         {@code store.cacheRefreshSeconds}: every profile is read again this often, the
 *                               fallback behind the NOTIFY of other nodes' changes
 */
public record StoreSettings(Optional<String> jdbcUrl, String user, String password, int poolSize,
                            long maxSubscribers, Duration reloadInterval) {

    public static final int MIN_POOL_SIZE = 1;
    public static final int MAX_POOL_SIZE = 64;
    public static final int DEFAULT_POOL_SIZE = 8;
    /**
     * 72-142 MB of profiles (measured: about 360 bytes a bare line, 710 a busy one; README, "Subscriber
     * database"), twice that for a moment during a reload: well within the 2 GB heap.
     */
    public static final long DEFAULT_MAX_SUBSCRIBERS = 200_000;
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

    private static final String[] SUPPORTED_URLS = {"jdbc:postgresql:", "jdbc:h2:"};

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        jdbcUrl.ifPresent(StoreSettings::checkUrl);
        if (poolSize < MIN_POOL_SIZE || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize " + poolSize + " is out of range " + MIN_POOL_SIZE + "-"
                    + MAX_POOL_SIZE);
        }
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("maxSubscribers " + maxSubscribers + " must be at least 1");
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reloadInterval " + reloadInterval + " must be positive");
        }
    }

    /** The embedded database with the default pool and limits. */
    public static StoreSettings defaults() {
        return new StoreSettings(Optional.empty(), "", "", DEFAULT_POOL_SIZE, DEFAULT_MAX_SUBSCRIBERS,
                DEFAULT_RELOAD_INTERVAL);
    }

    /** These settings against a shared database. */
    public StoreSettings withDatabase(String url, String newUser, String newPassword) {
        return new StoreSettings(Optional.of(url), newUser, newPassword, poolSize, maxSubscribers, reloadInterval);
    }

    /** These settings with another limit of subscribers held. */
    public StoreSettings withMaxSubscribers(long most) {
        return new StoreSettings(jdbcUrl, user, password, poolSize, most, reloadInterval);
    }

    public boolean isEmbedded() {
        return jdbcUrl.isEmpty();
    }

    private static void checkUrl(String url) {
        for (String supported : SUPPORTED_URLS) {
            if (url.startsWith(supported) && url.length() > supported.length()) {
                return;
            }
        }
        throw new IllegalArgumentException("jdbcUrl " + JdbcUrls.withoutPassword(url)
                + " is not a jdbc:postgresql: URL (leave it out for the embedded database)");
    }

    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + jdbcUrl.map(JdbcUrls::withoutPassword).orElse("(embedded)")
                + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize
                + ", maxSubscribers=" + maxSubscribers + ", reloadInterval=" + reloadInterval + "]";
    }
}
