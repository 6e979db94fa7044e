package kz.btcom.fs.service.mcid;

/** The malicious-call records, kept durably. */
public interface MaliciousCallStore extends MaliciousCallRecords {

    /**
     * Adds a record; it is in the database when this returns.
     *
     * @throws kz.btcom.fs.subscriber.StoreException the database failed
     */
    void add(MaliciousCallRecord record);
}
