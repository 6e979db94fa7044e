package kz.btcom.fs.service;

import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on the embedded H2 database in a data directory. */
class EmbeddedCallHistoryTablesTest extends CallHistoryTablesContract {

    @TempDir
    Path dataDir;

    @Override
    protected Database openEmptyDatabase() {
        return SubscriberStores.openDatabase(StoreSettings.defaults(), dataDir);
    }
}
