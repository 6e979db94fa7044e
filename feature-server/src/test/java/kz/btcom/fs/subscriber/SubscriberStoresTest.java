package kz.btcom.fs.subscriber;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.subscriber.SampleProfiles.everythingSet;
import static kz.btcom.fs.subscriber.SampleProfiles.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening the database: the embedded one over restarts and crashes, and the one-line errors Main prints. */
class SubscriberStoresTest {

    private static final String ALMATY = "+77272777888";

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDatabaseKeepsItsProfilesOverARestart() throws Exception {
        try (SubscriberStore store = SubscriberStores.open(StoreSettings.defaults(), dataDir)) {
            store.put(everythingSet(ALMATY));
        }

        try (SubscriberStore store = SubscriberStores.open(StoreSettings.defaults(), dataDir)) {
            assertEquals(Optional.of(everythingSet(ALMATY)), store.find(ALMATY));
            assertEquals(ShippedMigrations.versions(), appliedMigrations(), "migrated once, not again on restart");
        }
        assertTrue(Files.isDirectory(dataDir.resolve("subscribers")));
    }

    @Test
    void anAcknowledgedPutSurvivesAKill() throws Exception {
        SubscriberStore store = SubscriberStores.open(StoreSettings.defaults(), dataDir);
        store.put(plain(ALMATY));
        store.update(ALMATY, SampleProfiles::oneMoreFailure);

        // What kill -9 leaves: the file as it is, nothing written from memory on the way out.
        try (Connection connection = embeddedConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        }
        store.close();

        try (SubscriberStore restarted = SubscriberStores.open(StoreSettings.defaults(), dataDir)) {
            assertEquals(1, restarted.find(ALMATY).orElseThrow().pinGuard().failures());
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsOneLineNamingTheUrlWithoutThePassword() {
        StoreSettings settings = StoreSettings.defaults()
                .withDatabase("jdbc:postgresql://127.0.0.1:1/fs?user=fs&password=s3cret", "fs", "hunter2");

        StoreException failure = assertThrows(StoreException.class, () -> SubscriberStores.open(settings, dataDir));

        String message = failure.getMessage();
        assertTrue(message.startsWith("subscriber database jdbc:postgresql://127.0.0.1:1/fs?user=fs&password=***: "
                + "cannot connect: "), message);
        assertTrue(message.contains("refused"), message);
        assertFalse(message.contains("s3cret") || message.contains("hunter2"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineNamingIt() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("data"), "a file");

        StoreException failure = assertThrows(StoreException.class,
                () -> SubscriberStores.open(StoreSettings.defaults(), notADirectory));

        assertTrue(failure.getMessage().contains(notADirectory.resolve("subscribers").toString()),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    }

    @Test
    void aSchemaThatCannotBeMigratedIsOneLine() throws Exception {
        // A table in the way of V1, as a database someone else created would have.
        Files.createDirectories(dataDir.resolve("subscribers"));
        try (Connection connection = embeddedConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE subscriber (number VARCHAR(10))");
        }

        StoreException failure = assertThrows(StoreException.class,
                () -> SubscriberStores.open(StoreSettings.defaults(), dataDir));

        assertTrue(failure.getMessage().startsWith("subscriber database jdbc:h2:file:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot migrate the schema"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    }

    @Test
    void theDirectoryWorksOverTheEmbeddedDatabase() throws Exception {
        try (SubscriberDirectory directory = SubscriberDirectory.load(
                SubscriberStores.open(StoreSettings.defaults(), dataDir), StoreSettings.defaults())) {
            assertFalse(directory.isServed(ALMATY));
            assertTrue(directory.put(plain(ALMATY)));
            assertTrue(directory.isServed(ALMATY));
            assertEquals(1, directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure).get().orElseThrow()
                    .result());
            assertEquals(1, directory.find(ALMATY).orElseThrow().pinGuard().failures());
        }
    }

    private Connection embeddedConnection() throws SQLException {
        return DriverManager.getConnection(SubscriberStores.embeddedUrl(dataDir), "sa", "");
    }

    private List<String> appliedMigrations() throws SQLException {
        try (Connection connection = embeddedConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL AND \"success\" ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions;
        }
    }
}
