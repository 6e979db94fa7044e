package kz.btcom.fs.billing.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What keeps a journal entry that could not be written (the disk full, the file unwritable, the mapping lost) until
 * it can be: a call in progress still ends billed. Once one entry failed, every later entry waits behind it, so a
 * call's events stay in their order; {@link #retry} writes them out when the journal takes entries again.
 *
 * <p>The backlog only grows with the calls already in progress: while it is not empty the server takes no new
 * call (see {@link JournalSpace}). It lives in memory: entries still in it when the process dies are lost, as the
 * log's error line for each failure says.
 *
 * <p>Thread-safe. The usual path (nothing failing) costs one volatile read and takes no lock.
 */
final class JournalBacklog<W> {

    private static final Logger log = LoggerFactory.getLogger(JournalBacklog.class);

    private final W writer;
    private final ArrayDeque<Consumer<W>> waiting = new ArrayDeque<>(); // guarded by this
    private volatile boolean failing;
    private long failures; // guarded by this

    JournalBacklog(W writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Writes the entry now, or keeps it behind the entries that wait. */
    void write(Consumer<W> entry) {
        if (!failing) {
            try {
                entry.accept(writer);
                return;
            } catch (RuntimeException | InternalError e) {
                // InternalError: the JVM's word for a fault in a memory-mapped file (SIGBUS when the disk is full).
                keep(entry, e);
                return;
            }
        }
        synchronized (this) {
            if (failing) {
                waiting.add(entry);
                return;
            }
        }
        write(entry); // the backlog was written out while this thread looked
    }

    private synchronized void keep(Consumer<W> entry, Throwable cause) {
        waiting.add(entry);
        failing = true;
        failures++;
        log.error("the billing journal refused an entry; it is kept in memory ({} waiting) until the journal takes"
                + " entries again, and no new call is taken meanwhile", waiting.size(), cause);
    }

    /**
     * Writes the waiting entries in order; stops at the first that fails again.
     *
     * @return whether none waits any more (the journal takes entries)
     */
    synchronized boolean retry() {
        if (!failing) {
            return true;
        }
        int before = waiting.size();
        while (!waiting.isEmpty()) {
            try {
                waiting.peek().accept(writer);
            } catch (RuntimeException | InternalError stillFailing) {
                log.debug("the billing journal still refuses entries", stillFailing);
                return false;
            }
            waiting.poll();
        }
        failing = false;
        log.warn("the billing journal takes entries again: the {} entries kept in memory are written", before);
        return true;
    }

    /** Whether entries wait: the journal failed and has not taken them since. */
    boolean failing() {
        return failing;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Entries the journal refused since the start (each at its first try). */
    synchronized long failures() {
        return failures;
    }
}
