package kz.btcom.fs.subscriber;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/** Opens the subscriber database the settings name, brings its schema up to date, and says which one it is. */
public final class SubscriberStores {

    private static final Logger log = LoggerFactory.getLogger(SubscriberStores.class);

    /**
     * Server settings for the embedded database. DB_CLOSE_ON_EXIT=FALSE: the server's own shutdown closes it
     * after the last write, not H2's shutdown hook in the middle of one. LOCK_TIMEOUT: a profile's row is locked
     * for one short transaction; waiting longer than this means something is wrong. No AUTO_SERVER: this process
     * alone opens the file (a second server on the same data directory is refused: the file is locked).
     */
    private static final String EMBEDDED_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    /** How long a thread waits for a pooled connection before the operation fails. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private SubscriberStores() {
    }

    /**
     * The store the settings name: the embedded database in {@code dataDir/subscribers}, or the JDBC URL.
     *
     * @throws StoreException the database cannot be reached or migrated; the message is one line naming the
     *                        URL (password masked) and the reason
     */
    public static SubscriberStore open(StoreSettings settings, Path dataDir) {
        return on(openDatabase(settings, dataDir));
    }

    /** The subscriber store on an open database; closing the store closes the database. */
    public static SubscriberStore on(Database database) {
        return new JdbcSubscriberStore(database);
    }

    /**
     * The database the settings name (see {@link #open}), its schema brought up to date.
     *
     * @throws StoreException the database cannot be reached or migrated
     */
    public static Database openDatabase(StoreSettings settings, Path dataDir) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(dataDir, "dataDir");
        String url = settings.jdbcUrl().orElseGet(() -> embeddedUrl(dataDir));
        String shownUrl = JdbcUrls.withoutPassword(url);
        Dialect dialect = Dialect.of(url);
        if (settings.isEmbedded()) {
            createDirectory(dataDir.toAbsolutePath().resolve("subscribers"), shownUrl);
        }
        HikariDataSource pool = connect(settings, url, shownUrl);
        try {
            String schemaVersion = migrate(pool, dialect, shownUrl);
            log.info("subscriber database {} ({}), schema version {}", shownUrl, product(pool), schemaVersion);
            return new Database(pool, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The embedded database's URL for a data directory. */
    static String embeddedUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("subscribers").resolve("subscribers");
        if (file.toString().contains(";")) {
            // H2 would read what follows as a setting.
            throw new StoreException("subscriber database: the data directory " + dataDir
                    + " has a ';' in its path, which H2 cannot take", null);
        }
        return "jdbc:h2:file:" + file + EMBEDDED_OPTIONS;
    }

    private static void createDirectory(Path directory, String shownUrl) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("subscriber database " + shownUrl + ": cannot create " + directory + ": "
                    + Failures.oneLine(e), e);
        }
    }

    private static HikariDataSource connect(StoreSettings settings, String url, String shownUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("subscribers");
        config.setJdbcUrl(url);
        if (settings.isEmbedded()) {
            // The file belongs to this server alone; a user and password set later would lock it out of its data.
            config.setUsername("sa");
            config.setPassword("");
        } else {
            if (!settings.user().isEmpty()) {
                config.setUsername(settings.user());
            }
            if (!settings.password().isEmpty()) {
                config.setPassword(settings.password());
            }
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // Fail at start, not at the first call, when the database is not there.
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("subscriber database " + shownUrl + ": cannot connect: "
                    + Failures.describe(e), e);
        }
    }

    private static String migrate(HikariDataSource pool, Dialect dialect, String shownUrl) {
        try {
            Flyway flyway = Flyway.configure(SubscriberStores.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.migrationPlaceholders())
                    .cleanDisabled(true)
                    .load();
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            String version = current == null ? "none" : current.getVersion().toString();
            if (result.migrationsExecuted > 0) {
                log.info("subscriber database {}: {} migration(s) applied, from schema version {} to {}", shownUrl,
                        result.migrationsExecuted, result.initialSchemaVersion == null ? "none"
                                : result.initialSchemaVersion, version);
            }
            return version;
        } catch (RuntimeException e) {
            throw new StoreException("subscriber database " + shownUrl + ": cannot migrate the schema: "
                    + Failures.oneLine(e), e);
        }
    }

    private static String product(HikariDataSource pool) {
        try (Connection connection = pool.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "product unknown: " + Failures.describe(e);
        }
    }
}
