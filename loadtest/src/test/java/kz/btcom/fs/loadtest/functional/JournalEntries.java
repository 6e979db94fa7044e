package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.JournalReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** The billing journal in a server's data directory, read from the outside as the export reads it. */
final class JournalEntries {

    private JournalEntries() {
    }

    /** Every entry so far, oldest first. */
    static List<JournalEvent> read(Path dataDir) throws Exception {
        List<JournalEvent> events = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dataDir)) {
            reader.toStart().forEachRemaining(entry -> events.add(entry.event()));
        }
        return events;
    }

    /** The entries of one kind that match, oldest first. */
    static <T extends JournalEvent> List<T> of(Path dataDir, Class<T> kind, Predicate<? super T> matching)
            throws Exception {
        return read(dataDir).stream().filter(kind::isInstance).map(kind::cast).filter(matching).toList();
    }

    /**
     * Waits until at least {@code count} entries of the kind match, and returns them all; fails, with what the journal
     * holds of the kind, when they are not there within the time.
     */
    static <T extends JournalEvent> List<T> await(Path dataDir, Class<T> kind, Predicate<? super T> matching,
                                                  int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<T> found = of(dataDir, kind, matching);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                fail(count + " " + kind.getSimpleName() + " entries were expected within " + within + ", found "
                        + found + "; all of the kind: " + of(dataDir, kind, e -> true));
            }
            Thread.sleep(100);
        }
    }

    /** The wake-up call entries of a line (E.164 with '+'), oldest first. */
    static List<JournalEvent.WakeUpCall> wakeUpCallsOf(Path dataDir, String line) throws Exception {
        return of(dataDir, JournalEvent.WakeUpCall.class, w -> w.subscriber().equals(line));
    }

    /** Waits for the line's {@code count}-th wake-up call entry; returns all of the line's so far. */
    static List<JournalEvent.WakeUpCall> awaitWakeUpCalls(Path dataDir, String line, int count, Duration within)
            throws Exception {
        return await(dataDir, JournalEvent.WakeUpCall.class, w -> w.subscriber().equals(line), count, within);
    }
}
