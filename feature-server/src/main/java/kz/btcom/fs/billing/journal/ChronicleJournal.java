package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The billing journal: a Chronicle Queue in {@code <dataDir>/journal}, one file per UTC day, one entry per event of
 * {@link CallEvents}. No event is named here: each method of {@link CallEvents} writes its event through
 * {@link #write} (the journal is made from the interface, as Chronicle's method writers are: {@link QueueJournal}),
 * the entry named after the method ({@link JournalEntries}), so a new event is a new method there and its record.
 *
 * <p>Thread-safe: any number of call lanes may write at once, each through its own appender (Chronicle keeps one
 * per thread); entries of one thread stay in their order, entries of different threads interleave in the order
 * they were written.
 *
 * <p>Durability: each method returns once its entry is complete in the queue's memory-mapped file, i.e. in the
 * operating system's page cache. That survives the process dying in any way ({@code kill -9}, an OOM, a JVM
 * crash): the kernel writes the pages out. It does not by itself survive a power loss or a kernel crash; for
 * that the OS must have flushed the pages (Linux does within {@code vm.dirty_expire_centisecs}, 30 s by
 * default). We deliberately do not msync per entry (Chronicle's {@code SyncMode.SYNC}): that costs a disk flush,
 * milliseconds, on the call path, where an entry costs about a microsecond now.
 *
 * <p>An entry the queue refuses (a full disk, a lost mapping) is not lost with the call: it waits in memory, with
 * every entry after it, until {@link #retryWaitingEntries} writes them ({@link JournalSpace} retries each second and
 * stops new calls meanwhile).
 */
public interface ChronicleJournal extends CallEvents, AutoCloseable {

    /** Opens (or creates) the journal in {@code <dataDir>/journal}; days roll by the system's UTC clock. */
    static ChronicleJournal open(Path dataDir) throws IOException {
        return open(dataDir, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the journal; {@code rollClock} decides which day's file an entry goes to (a test
     * moves it across midnight). The events' own times come from the events.
     */
    static ChronicleJournal open(Path dataDir, Clock rollClock) throws IOException {
        return QueueJournal.over(JournalQueue.open(dataDir, rollClock, true));
    }

    /**
     * The JVM flags Chronicle Queue needs on Java 17 that this JVM was started without (the pom's
     * {@code fs.jvm.opens}; the jar's manifest gives them to {@code java -jar} but not to {@code java -cp}), as
     * written on a command line; empty when it has them all. {@link #open} refuses to start without them.
     */
    static List<String> missingJvmFlags() {
        return JournalQueue.missingJvmFlags();
    }

    /** Writes any event of {@link CallEvents}: what each of its methods does. */
    void write(JournalEvent event);

    /** The journal's directory. */
    Path directory();

    /**
     * A reader over this journal, from its start, sharing this journal's queue (closing the reader leaves the
     * journal open; closing the journal ends the reader). For the GET /calls of the running server.
     */
    JournalReader newReader();

    /**
     * Writes the entries kept since a write failed (see {@link JournalBacklog}), in order.
     *
     * @return whether the journal takes entries again (nothing waits)
     */
    boolean retryWaitingEntries();

    /** Whether entries wait in memory because the journal refused one (no lock: asked for every new call). */
    boolean entriesWait();

    /** Entries written by the calls but not yet in the journal, because the journal refused them. */
    int waitingEntries();

    /** Closes the queue; writing afterwards throws. */
    @Override
    void close();
}
