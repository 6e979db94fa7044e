package kz.btcom.fs.subscriber;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on the embedded H2 database, as the server opens it in its data directory. */
class EmbeddedSubscriberStoreTest extends SubscriberStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected SubscriberStore openEmptyStore() {
        return SubscriberStores.open(StoreSettings.defaults(), dataDir);
    }
}
