package kz.btcom.fs.trace.audit;

import java.time.Instant;
import java.util.List;

/** The audit of the technicians' trace API: written before any trace data is given, and read back. */
public interface TraceAudit {

    /**
     * Keeps one entry; when this returns, it is durable.
     *
     * @throws kz.btcom.fs.subscriber.StoreException it could not be written: then the data must not be given
     */
    void record(AuditEntry entry);

    /**
     * The entries of {@code [from, to)}, oldest first, at most {@code limit}.
     *
     * @throws kz.btcom.fs.subscriber.StoreException the database failed
     */
    List<AuditEntry> between(Instant from, Instant to, int limit);
}
