package kz.btcom.fs.service.mcid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The malicious-call records as the technicians read them. */
public interface MaliciousCallRecords {

    /**
     * The records flagged in {@code [from, to)}, oldest first, at most {@code limit}.
     *
     * @param victim only this subscriber's (E.164), or everyone's
     * @throws kz.btcom.fs.subscriber.StoreException the database failed
     */
    List<MaliciousCallRecord> find(Optional<String> victim, Instant from, Instant to, int limit);
}
