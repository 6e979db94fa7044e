package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The wake-up store's contract on a real PostgreSQL server, each test with a database of its own: what several
 * nodes share, so the claims of two nodes racing for the same bookings are tested here for real.
 */
@ExtendWith(LocalPostgres.class)
class PostgresWakeUpStoreTest extends WakeUpStoreContract {

    private static PostgresServer postgres;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPostgres(PostgresServer server) {
        postgres = server;
    }

    @Override
    protected Database openEmptyDatabase() {
        return SubscriberStores.openDatabase(StoreSettings.defaults().withDatabase(postgres.createDatabase(),
                PostgresServer.USER, ""), dataDir);
    }
}
