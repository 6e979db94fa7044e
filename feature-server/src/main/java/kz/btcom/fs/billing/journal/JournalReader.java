package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the billing journal back as {@link JournalEvent} records, in journal order, each with its index (a
 * Chronicle index: the UTC day's cycle in the high bits, the entry's number in that day in the low bits; indexes
 * only grow). A new reader starts at the journal's first entry. {@link #next()} returns nothing at the end of
 * what has been written so far and the next entry once there is one, so it also tails a live journal, in this
 * process or another.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable {

    /** One journal entry: its index and the event. */
    public record Entry(long index, JournalEvent event) {
        public Entry {
            Objects.requireNonNull(event, "event");
        }
    }

    private final SingleChronicleQueue queue;
    private final boolean ownsQueue;
    private final ExcerptTailer tailer;
    private final StringBuilder eventName = new StringBuilder();

    JournalReader(SingleChronicleQueue queue, boolean ownsQueue) {
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.tailer = queue.createTailer();
    }

    /**
     * Opens the journal in {@code <dataDir>/journal} for reading (it may be written by another process at the
     * same time).
     *
     * @throws java.nio.file.NoSuchFileException when there is no journal there
     */
    public static JournalReader open(Path dataDir) throws IOException {
        return new JournalReader(JournalQueue.open(dataDir, Clock.systemUTC(), false), true);
    }

    /** Back to the first entry of the journal. */
    public JournalReader toStart() {
        tailer.toStart();
        return this;
    }

    /** To the end: {@link #next()} returns only what is written from now on. */
    public JournalReader toEnd() {
        tailer.toEnd();
        return this;
    }

    /**
     * Positions the reader so that {@link #next()} returns the entry at {@code index}.
     *
     * @return false when the journal holds no entry at that index (the reader's position is then undefined:
     *     move it again)
     */
    public boolean moveTo(long index) {
        return tailer.moveToIndex(index);
    }

    /**
     * Positions the reader at the first entry journaled on {@code day} (UTC) or later: the days the journal
     * holds are whole files, so this skips the earlier days without reading them. At the end when there is none.
     */
    public JournalReader fromDay(LocalDate day) {
        long first = queue.firstIndex();
        long last = queue.lastIndex();
        if (first == Long.MAX_VALUE || last < 0) {
            return toStart();
        }
        int wanted = JournalQueue.cycleOf(day);
        int firstCycle = queue.rollCycle().toCycle(first);
        int lastCycle = queue.rollCycle().toCycle(last);
        if (wanted <= firstCycle) {
            return toStart();
        }
        for (int cycle = wanted; cycle <= lastCycle; cycle++) {
            if (tailer.moveToCycle(cycle)) {
                return this;
            }
        }
        return toEnd();
    }

    /** The next entry, or empty when everything written so far has been read. */
    public Optional<Entry> next() {
        while (true) {
            try (DocumentContext entry = tailer.readingDocument()) {
                if (!entry.isPresent()) {
                    return Optional.empty();
                }
                JournalEvent event = JournalEntries.read(entry.wire(), eventName);
                if (event != null) {
                    return Optional.of(new Entry(entry.index(), event));
                }
                // An event a newer server added: skipped.
            }
        }
    }

    /** Reads every entry from here to the end of what is written. */
    public void forEachRemaining(Consumer<? super Entry> action) {
        for (Optional<Entry> entry = next(); entry.isPresent(); entry = next()) {
            action.accept(entry.get());
        }
    }

    /** The UTC day of the journal file that holds the entry at {@code index} (the day it was written). */
    public LocalDate dayOf(long index) {
        return JournalQueue.dayOf(queue, index);
    }

    /** Closes the reader (and the queue when the reader opened it). */
    @Override
    public void close() {
        tailer.close();
        if (ownsQueue) {
            queue.close();
        }
    }
}
