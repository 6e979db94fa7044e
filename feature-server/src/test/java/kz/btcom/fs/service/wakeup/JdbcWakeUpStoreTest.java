package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The wake-up store's contract on the embedded H2 database in a data directory, as a single node runs it. */
class JdbcWakeUpStoreTest extends WakeUpStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected Database openEmptyDatabase() {
        return SubscriberStores.openDatabase(StoreSettings.defaults(), dataDir);
    }
}
