package kz.btcom.fs.service.callreturn;

import java.util.Map;
import java.util.Optional;

/** Where the last incoming calls are kept across restarts. */
public interface LastCallStore {

    /** @throws kz.btcom.fs.subscriber.StoreException the database failed */
    Optional<LastCall> find(String subscriber);

    /**
     * Every subscriber's last call (one row each), read when the server starts: the calls never read the database.
     *
     * @throws kz.btcom.fs.subscriber.StoreException the database failed
     */
    Map<String, LastCall> findAll();

    /**
     * Writes each subscriber's last call (inserted or replaced) in one transaction.
     *
     * @throws kz.btcom.fs.subscriber.StoreException the database failed: nothing was written
     */
    void saveAll(Map<String, LastCall> calls);
}
