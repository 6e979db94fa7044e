package kz.btcom.fs.subscriber;

import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on a real PostgreSQL server, each test with a database of its own. */
@ExtendWith(LocalPostgres.class)
class PostgresSubscriberStoreTest extends SubscriberStoreContract {

    private static PostgresServer postgres;

    @TempDir
    Path dataDir;
    private String jdbcUrl;

    @BeforeAll
    static void startPostgres(PostgresServer server) {
        postgres = server;
    }

    @Override
    protected SubscriberStore openEmptyStore() {
        jdbcUrl = postgres.createDatabase();
        return SubscriberStores.open(StoreSettings.defaults().withDatabase(jdbcUrl, PostgresServer.USER, ""),
                dataDir);
    }

    @Test
    void theTestDatabaseSortsLikeAProductionOneSoTheOrderTestsMeanSomething() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT '+7_1' < '+7!1'")) {
            assertTrue(row.next());
            assertTrue(row.getBoolean(1), "the database sorts '_' before '!', as a linguistic collation does");
        }
    }

    @Test
    void everyShippedMigrationIsAppliedOnce() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history"
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            List<String> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
            assertEquals(ShippedMigrations.versions(), applied);
        }
    }
}
