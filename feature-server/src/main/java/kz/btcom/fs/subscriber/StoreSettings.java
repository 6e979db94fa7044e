package kz.btcom.fs.subscriber;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the profiles live and how long a node trusts its cached copy.
 *
 * @param jdbcUrl                a {@code jdbc:postgresql:} URL shared by several nodes; empty: the embedded H2
 *                               database in the data directory
 * @param user                   for the JDBC URL only ("" leaves it to the URL); the embedded database ignores it
 * @param password               likewise; never logged
 * @param poolSize               database connections, 1..64
 * @param cacheMaximumSize       profiles (and "not a subscriber" answers) kept in memory
 * @param cacheRefreshAfterWrite a profile read after this long is reloaded in the background: how soon a change
 *                               made on another node is seen here
 * @param cacheExpireAfterAccess a profile not read for this long is dropped; the next call reads the database
 */
public record StoreSettings(Optional<String> jdbcUrl, String user, String password, int poolSize,
                            long cacheMaximumSize, Duration cacheRefreshAfterWrite,
                            Duration cacheExpireAfterAccess) {

    public static final int MIN_POOL_SIZE = 1;
    public static final int MAX_POOL_SIZE = 64;
    public static final int DEFAULT_POOL_SIZE = 8;
    /** Roughly 100-200 MB of profiles at most; negative answers are much smaller. */
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 200_000;
    public static final Duration DEFAULT_CACHE_REFRESH_AFTER_WRITE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CACHE_EXPIRE_AFTER_ACCESS = Duration.ofMinutes(10);

    private static final String[] SUPPORTED_URLS = {"jdbc:postgresql:", "jdbc:h2:"};

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(cacheRefreshAfterWrite, "cacheRefreshAfterWrite");
        Objects.requireNonNull(cacheExpireAfterAccess, "cacheExpireAfterAccess");
        jdbcUrl.ifPresent(StoreSettings::checkUrl);
        if (poolSize < MIN_POOL_SIZE || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize " + poolSize + " is out of range " + MIN_POOL_SIZE + "-"
                    + MAX_POOL_SIZE);
        }
        if (cacheMaximumSize < 1) {
            throw new IllegalArgumentException("cacheMaximumSize " + cacheMaximumSize + " must be at least 1");
        }
        if (cacheRefreshAfterWrite.isNegative() || cacheRefreshAfterWrite.isZero()) {
            throw new IllegalArgumentException("cacheRefreshAfterWrite " + cacheRefreshAfterWrite + " must be positive");
        }
        if (cacheExpireAfterAccess.compareTo(cacheRefreshAfterWrite) <= 0) {
            // An entry would be dropped before it is ever refreshed: every idle number would cost a query.
            throw new IllegalArgumentException("cacheExpireAfterAccess " + cacheExpireAfterAccess
                    + " must be longer than cacheRefreshAfterWrite " + cacheRefreshAfterWrite);
        }
    }

    /** The embedded database with the default pool and cache. */
    public static StoreSettings defaults() {
        return new StoreSettings(Optional.empty(), "", "", DEFAULT_POOL_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE,
                DEFAULT_CACHE_REFRESH_AFTER_WRITE, DEFAULT_CACHE_EXPIRE_AFTER_ACCESS);
    }

    /** These settings against a shared database. */
    public StoreSettings withDatabase(String url, String newUser, String newPassword) {
        return new StoreSettings(Optional.of(url), newUser, newPassword, poolSize, cacheMaximumSize,
                cacheRefreshAfterWrite, cacheExpireAfterAccess);
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
                + ", cacheMaximumSize=" + cacheMaximumSize + ", cacheRefreshAfterWrite=" + cacheRefreshAfterWrite
                + ", cacheExpireAfterAccess=" + cacheExpireAfterAccess + "]";
    }
}
