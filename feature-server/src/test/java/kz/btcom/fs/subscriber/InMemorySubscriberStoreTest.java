package kz.btcom.fs.subscriber;

import kz.btcom.fs.testing.InMemorySubscriberStore;

/** The fake other tests use behaves as the real stores do. */
class InMemorySubscriberStoreTest extends SubscriberStoreContract {

    @Override
    protected SubscriberStore openEmptyStore() {
        return new InMemorySubscriberStore();
    }
}
