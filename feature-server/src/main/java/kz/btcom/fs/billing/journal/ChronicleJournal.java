package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent.BarringRejection;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallForwarding;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.MaliciousCallIdentification;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The billing journal: a Chronicle Queue in {@code <dataDir>/journal}, one file per UTC day, written through
 * Chronicle's method writer with {@link JournalWire} (the events of {@link CallEvents}, one for one).
 *
 * <p>Thread-safe: any number of call lanes may write at once. The queue's method writer takes each thread's
 * own appender (Chronicle keeps one per thread); entries of one thread stay in their order, entries of
 * different threads interleave in the order they were written.
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
public final class ChronicleJournal implements CallEvents, AutoCloseable {

    private final SingleChronicleQueue queue;
    private final JournalBacklog<JournalWire> writer;

    private ChronicleJournal(SingleChronicleQueue queue) {
        this.queue = queue;
        this.writer = new JournalBacklog<>(queue.methodWriter(JournalWire.class));
    }

    /** Opens (or creates) the journal in {@code <dataDir>/journal}; days roll by the system's UTC clock. */
    public static ChronicleJournal open(Path dataDir) throws IOException {
        return open(dataDir, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the journal; {@code rollClock} decides which day's file an entry goes to (a test
     * moves it across midnight). The events' own times come from the events.
     */
    public static ChronicleJournal open(Path dataDir, Clock rollClock) throws IOException {
        return new ChronicleJournal(JournalQueue.open(dataDir, rollClock, true));
    }

    /**
     * The JVM flags Chronicle Queue needs on Java 17 that this JVM was started without (the pom's
     * {@code fs.jvm.opens}; the jar's manifest gives them to {@code java -jar} but not to {@code java -cp}), as
     * written on a command line; empty when it has them all. {@link #open} refuses to start without them.
     */
    public static List<String> missingJvmFlags() {
        return JournalQueue.missingJvmFlags();
    }

    /** The journal's directory. */
    public Path directory() {
        return queue.file().toPath();
    }

    /**
     * A reader over this journal, from its start, sharing this journal's queue (closing the reader leaves the
     * journal open; closing the journal ends the reader). For the GET /calls of the running server.
     */
    public JournalReader newReader() {
        return new JournalReader(queue, false);
    }

    @Override
    public void attempt(CallAttempt event) {
        WireEvents.Attempt entry = new WireEvents.Attempt(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.attempt(entry));
    }

    @Override
    public void alerting(CallAlerting event) {
        WireEvents.Alerting entry = new WireEvents.Alerting(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.alerting(entry));
    }

    @Override
    public void answer(CallAnswer event) {
        WireEvents.Answer entry = new WireEvents.Answer(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.answer(entry));
    }

    @Override
    public void release(CallRelease event) {
        WireEvents.Release entry = new WireEvents.Release(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.release(entry));
    }

    @Override
    public void forwarding(CallForwarding event) {
        WireEvents.Forwarding entry = new WireEvents.Forwarding(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.forwarding(entry));
    }

    @Override
    public void featureCode(FeatureCodeUse event) {
        WireEvents.FeatureCode entry = new WireEvents.FeatureCode(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.featureCode(entry));
    }

    @Override
    public void barred(BarringRejection event) {
        WireEvents.Barred entry = new WireEvents.Barred(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.barred(entry));
    }

    @Override
    public void maliciousCall(MaliciousCallIdentification event) {
        WireEvents.MaliciousCall entry = new WireEvents.MaliciousCall(Objects.requireNonNull(event, "event"));
        writer.write(wire -> wire.maliciousCall(entry));
    }

    /**
     * Writes the entries kept since a write failed (see {@link JournalBacklog}), in order.
     *
     * @return whether the journal takes entries again (nothing waits)
     */
    public boolean retryWaitingEntries() {
        return writer.retry();
    }

    /** Whether entries wait in memory because the journal refused one (no lock: asked for every new call). */
    public boolean entriesWait() {
        return writer.failing();
    }

    /** Entries written by the calls but not yet in the journal, because the journal refused them. */
    public int waitingEntries() {
        return writer.waiting();
    }

    /** Closes the queue; writing afterwards throws. */
    @Override
    public void close() {
        queue.close();
    }
}
